print("edgeproof")
