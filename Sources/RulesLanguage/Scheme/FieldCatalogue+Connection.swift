extension FieldListBuilder {
    /// The client connection and the edge that received it: TLS, port, ray id, timings, Workers, SaaS metadata.
    mutating func addConnectionFields() {
        add(
            "ssl", .bool, "Whether the client connection is encrypted.", inputs: [.ssl, .scheme],
            .bool { $0.request.ssl })
        add(
            "cf.edge.server_port", .int, "Edge server port the request arrived on.", inputs: [.port, .scheme],
            .int { $0.request.port })
        add("cf.ray_id", .bytes, "Ray id of the request.", inputs: .rayID, .bytes { $0.request.rayID })
        add(
            "cf.edge.client_tcp", .bool, "Whether the request came over TCP (every version but HTTP/3, which is QUIC).",
            inputs: .version, .bool { !$0.request.version.starts(with: "HTTP/3".utf8) })
        addUnsupplied("cf.edge.server_ip", .ip, "Edge address the request resolved to (meaningful for BYOIP).")
        addUnsupplied("cf.edge.l4.delivery_rate", .int, "Delivery rate estimate in bytes a second, 0 when unknown.")
        for (name, summary) in [
            ("client_tcp_rtt_msec", "Smoothed TCP round-trip time to the client in ms, 0 over QUIC."),
            ("client_quic_rtt_msec", "Smoothed QUIC round-trip time to the client in ms, 0 over TCP."),
            ("edge_msec", "Time spent in Cloudflare's network in ms."),
            ("origin_ttfb_msec", "Origin time to first byte in ms, 0 when served from cache."),
            ("worker_msec", "Time a Worker spent on the request in ms, 0 without a Worker."),
        ] {
            addUnsupplied("cf.timings.\(name)", .int, summary)
        }
        for (name, summary) in [
            ("cf.tls_cipher", "Cipher of the client connection, e.g. AES128-SHA256."),
            ("cf.tls_version", "TLS version of the client connection, e.g. TLSv1.2."),
            ("cf.tls_client_extensions_sha1", "SHA-1 of the TLS client extensions, base64, big-endian."),
            ("cf.tls_client_extensions_sha1_le", "SHA-1 of the TLS client extensions, base64, little-endian."),
            ("cf.tls_ciphers_sha1", "SHA-1 of the client's cipher list in order, base64."),
            ("cf.tls_client_random", "The client hello's 32-byte random value, base64."),
        ] {
            addUnsupplied(name, .bytes, summary)
        }
        addUnsupplied("cf.tls_client_hello_length", .int, "Length of the TLS client hello.")
        addUnsupplied("cf.worker.upstream_zone", .bytes, "Zone of the Worker that sent the request, empty otherwise.")
        addUnsupplied(
            "cf.hostname.metadata", .bytes, "Custom metadata of the hostname (SSL for SaaS).",
            product: "Cloudflare for SaaS")
    }

    /// Client certificates of mutual TLS; each is false or empty when the connection does not use mTLS.
    mutating func addMutualTLSFields() {
        for (name, summary) in [
            ("cert_revoked", "Whether the client presented a valid but revoked certificate."),
            ("cert_verified", "Whether the client presented a valid certificate."),
            ("cert_presented", "Whether the client presented a certificate."),
            ("cert_rfc9440_too_large", "Whether the RFC 9440 encoded certificate exceeds 10 KiB."),
            ("cert_chain_rfc9440_too_large", "Whether the RFC 9440 encoded chain exceeds 16 KiB."),
        ] {
            addUnsupplied("cf.tls_client_auth.\(name)", .bool, summary)
        }
        for (name, summary) in [
            ("cert_issuer_dn", "Distinguished name of the certificate's issuer."),
            ("cert_subject_dn", "Distinguished name of the certificate's subject."),
            ("cert_issuer_dn_rfc2253", "Issuer DN in RFC 2253 form."),
            ("cert_subject_dn_rfc2253", "Subject DN in RFC 2253 form."),
            ("cert_issuer_dn_legacy", "Issuer DN in the legacy form."),
            ("cert_subject_dn_legacy", "Subject DN in the legacy form."),
            ("cert_serial", "Serial number of the certificate."),
            ("cert_issuer_serial", "Serial number of the certificate's issuer."),
            ("cert_fingerprint_sha256", "SHA-256 fingerprint of the certificate."),
            ("cert_fingerprint_sha1", "SHA-1 fingerprint of the certificate."),
            ("cert_not_before", "Start of the certificate's validity."),
            ("cert_not_after", "End of the certificate's validity."),
            ("cert_ski", "Subject key identifier of the certificate."),
            ("cert_issuer_ski", "Subject key identifier of the certificate's issuer."),
            ("cert_rfc9440", "The certificate as an RFC 9440 byte sequence."),
            ("cert_chain_rfc9440", "The chain without the leaf as an RFC 9440 list."),
        ] {
            addUnsupplied("cf.tls_client_auth.\(name)", .bytes, summary)
        }
    }

    /// Claims of a JSON Web Token validated by API Shield (an Enterprise add-on), keyed by the token configuration.
    mutating func addJWTFields() {
        let jwt = "API Shield JWT validation"
        for claim in ["aud", "iss", "jti", "sub"] {
            addUnsupplied(
                "http.request.jwt.claims.\(claim)", Self.stringMap, "The `\(claim)` claim by token configuration.",
                plan: .enterprise, product: jwt)
            addUnsupplied(
                "http.request.jwt.claims.\(claim).names", Self.stringArray, "Token configurations with a `\(claim)`.",
                plan: .enterprise, product: jwt)
            addUnsupplied(
                "http.request.jwt.claims.\(claim).values", Self.stringArray, "The `\(claim)` claim values.",
                plan: .enterprise, product: jwt)
        }
        for claim in ["iat", "nbf"] {
            addUnsupplied(
                "http.request.jwt.claims.\(claim).sec.names", Self.stringArray,
                "Token configurations with an `\(claim)`.", plan: .enterprise, product: jwt)
            addUnsupplied(
                "http.request.jwt.claims.\(claim).sec.values", .array(.int), "The `\(claim)` claim values in seconds.",
                plan: .enterprise, product: jwt)
        }
    }
}
