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

    /// The CRS version these rules are, as the model reports it.
    public static let version = "3.3.4"
}
