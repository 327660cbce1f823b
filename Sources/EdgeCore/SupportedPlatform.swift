// EdgeProof builds on Linux only: it calls Glibc and Linux renameat2 (README.md, "Platforms").
#if !os(Linux)
    #error("EdgeProof builds on Linux only: it calls Glibc and Linux renameat2(RENAME_EXCHANGE)")
#endif
