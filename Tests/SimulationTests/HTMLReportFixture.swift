import Foundation
import Testing

@testable import Simulation

/// Writes the rendered example report to the path in `EDGEPROOF_REPORT_OUT`, for checking it in a real browser
/// (`make test-browser`); skipped when the variable is not set.
@Suite struct HTMLReportFixture {
    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment["EDGEPROOF_REPORT_OUT"] != nil,
            "set EDGEPROOF_REPORT_OUT to write the report"))
    func writeExampleReport() throws {
        let path = try #require(ProcessInfo.processInfo.environment["EDGEPROOF_REPORT_OUT"])
        let html = HTMLReportRenderer.render(try HTMLReportTestSupport.exampleReport())
        try html.write(toFile: path, atomically: true, encoding: .utf8)
        let charts = HTMLReportTestSupport.chartNames.joined(separator: " ")
        try (charts + "\n").write(toFile: path + ".charts", atomically: true, encoding: .utf8)
        print("wrote \(path) (\(html.utf8.count) bytes)")
    }
}
