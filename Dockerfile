# EdgeProof in a container (docs/distribution.md). Two stages: the Swift image builds the binary with the Swift
# runtime linked statically and packages it as a .deb; a slim Debian of the same release installs that package, so
# apt-get brings exactly the libraries its Depends lists (pcre2, zlib, OpenSSL's libcrypto, libcurl, libstdc++,
# libmodsecurity) and the OWASP Core Rule Set (modsecurity-crs).
#
#   docker build -t edgeproof .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/work" edgeproof check edge.yaml
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/work" edgeproof build edge.yaml -o out --check
#
# Not built in this repository's CI (it has no container engine); `make dist-check` checks the same binary and
# package on the host.
ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
WORKDIR /src
COPY scripts/ensure-system-packages.sh scripts/
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      dpkg-dev binutils git && scripts/ensure-system-packages.sh --build && rm -rf /var/lib/apt/lists/*
COPY . .
# The package's file times; pass --build-arg SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) for a reproducible .deb.
ARG SOURCE_DATE_EPOCH=0
RUN swift build -c release --static-swift-stdlib --product edgeproof --scratch-path .build-static \
 && SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH} scripts/make-deb.sh .build-static/release/edgeproof /dist

FROM ${RUNTIME_IMAGE}
COPY --from=build /dist/ /tmp/dist/
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      /tmp/dist/edgeproof_*.deb && rm -rf /var/lib/apt/lists/* /tmp/dist && edgeproof --version
WORKDIR /work
ENTRYPOINT ["edgeproof"]
CMD ["--help"]
