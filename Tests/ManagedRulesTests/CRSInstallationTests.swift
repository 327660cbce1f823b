import EdgeModel
import EdgeWire
import Foundation
import ManagedRules
import RulesLanguage
import Testing

/// Which CRS installation and setup file the engine loads: Debian's unless the environment names others, and the
/// `tx` settings of a setup file reach the rules.
@Suite struct CRSInstallationTests {
    @Test("Without EDGEPROOF_CRS_RULES and EDGEPROOF_CRS_SETUP, or with them empty, the installation is Debian's")
    func debianByDefault() {
        #expect(CRSInstallation.fromEnvironment([:]) == .debian)
        #expect(CRSInstallation.fromEnvironment(["EDGEPROOF_CRS_RULES": "", "EDGEPROOF_CRS_SETUP": ""]) == .debian)
    }

    @Test("EDGEPROOF_CRS_RULES and EDGEPROOF_CRS_SETUP each replace one path")
    func environmentNamesThePaths() {
        let setup = CRSInstallation.fromEnvironment(["EDGEPROOF_CRS_SETUP": "/srv/crs/setup.conf"])
        #expect(
            setup
                == CRSInstallation(
                    rulesDirectory: CRSInstallation.debian.rulesDirectory,
                    setupFile: "/srv/crs/setup.conf"))
        let rules = CRSInstallation.fromEnvironment(["EDGEPROOF_CRS_RULES": "/opt/crs/rules"])
        #expect(rules == CRSInstallation(rulesDirectory: "/opt/crs/rules", setupFile: CRSInstallation.debian.setupFile))
    }

    /// With CRS's test setup (`arg_length=400`) an argument of 401 characters matches 920370 and one of 400 does
    /// not; Debian's setup sets no limit.
    @Test(.enabled(if: CRSAvailability.installed, CRSAvailability.skipMessage))
    func setupFileSettingsReachTheRules() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crs-setup-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let setup = directory.appendingPathComponent("crs-setup.conf")
        try """
        Include \(CRSInstallation.debian.setupFile)
        SecAction "id:900005,phase:1,nolog,pass,setvar:tx.arg_name_length=100,setvar:tx.arg_length=400"

        """.write(to: setup, atomically: true, encoding: .utf8)
        let tests = try ModSecurityEngine(
            installation: CRSInstallation(rulesDirectory: CRSInstallation.debian.rulesDirectory, setupFile: setup.path))
        let debian = try ModSecurityEngines.engine(installation: .debian)
        let long = ModSecurityEngineTests.request("/search?q=" + String(repeating: "x", count: 401))
        let limit = ModSecurityEngineTests.request("/search?q=" + String(repeating: "x", count: 400))
        #expect(tests.evaluate(long).matches.map(\.id).contains(920370))
        #expect(!tests.evaluate(limit).matches.map(\.id).contains(920370))
        #expect(!debian.evaluate(long).matches.map(\.id).contains(920370))
    }
}
