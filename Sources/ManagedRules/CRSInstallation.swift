import Foundation

/// Where the OWASP Core Rule Set's files are: the rules directory (`REQUEST-*.conf` and their `.data` files) and
/// CRS's setup file. Debian's `modsecurity-crs` package installs CRS 3.3.4 at `CRSInstallation.debian`.
public struct CRSInstallation: Sendable, Hashable {
    /// The directory holding `REQUEST-9xx-*.conf` and the `.data` files they read.
    public var rulesDirectory: String
    /// CRS's `crs-setup.conf`.
    public var setupFile: String

    /// An installation from its paths.
    public init(rulesDirectory: String, setupFile: String) {
        self.rulesDirectory = rulesDirectory
        self.setupFile = setupFile
    }

    /// Debian's `modsecurity-crs` package.
    public static let debian = CRSInstallation(
        rulesDirectory: "/usr/share/modsecurity-crs/rules", setupFile: "/etc/modsecurity/crs/crs-setup.conf")

    /// The installation `environment` names: `EDGEPROOF_CRS_RULES` (the rules directory) and `EDGEPROOF_CRS_SETUP`
    /// (the setup file), each Debian's path when unset or empty. A CRS installed elsewhere, or a setup file with
    /// other `tx` settings (CRS's regression tests need their own), is chosen this way without changing the spec.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> CRSInstallation
    {
        func path(_ name: String, _ fallback: String) -> String {
            guard let value = environment[name], !value.isEmpty else { return fallback }
            return value
        }
        return CRSInstallation(
            rulesDirectory: path("EDGEPROOF_CRS_RULES", debian.rulesDirectory),
            setupFile: path("EDGEPROOF_CRS_SETUP", debian.setupFile))
    }

    /// The CRS version these rules are, as the model reports it.
    public static let version = "3.3.4"
}
