import Foundation
import Testing

@testable import Simulation

/// Runs `python3 -c script args…` and returns its stdout; Python's XML parsers check our output independently.
private func python(_ script: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let failure = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw PythonFailure(message: String(decoding: failure, as: UTF8.self))
    }
    return String(decoding: data, as: UTF8.self)
}

private struct PythonFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Parses the file with xml.dom.minidom and xml.etree and prints, one JSON object, what each case says.
private let readJUnit = """
    import json, sys, xml.dom.minidom, xml.etree.ElementTree as ET
    dom = xml.dom.minidom.parse(sys.argv[1])
    tree = ET.parse(sys.argv[1]).getroot()
    cases = []
    for case in tree.iter("testcase"):
        failure = case.find("failure")
        cases.append({"name": case.get("name"), "message": failure.get("message") if failure is not None else None,
                      "detail": failure.text if failure is not None else None})
    print(json.dumps({"suite": dom.documentElement.getAttribute("name"), "cases": cases}))
    """

@Test func junitWithControlCharactersIsWellFormedAndKeepsTheText() throws {
    let report = JUnitReport(
        suite: "suite\u{1}",
        cases: [
            JUnitReport.Case(
                name: "esc \u{1B}[31mred\u{1B}[0m <&> \"q\"", failure: "line one\nline two\r\nend\u{FFFE}",
                detail: "tab\there\u{0}\u{7F}"),
            JUnitReport.Case(name: "passes"),
        ])
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("junit-\(UUID().uuidString).xml").path
    try report.xml.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let parsed = try #require(
        try JSONSerialization.jsonObject(with: Data(python(readJUnit, [path]).utf8)) as? [String: Any])
    #expect(parsed["suite"] as? String == "suite[U+0001]")
    let cases = try #require(parsed["cases"] as? [[String: Any]])
    #expect(cases.count == 2)
    #expect(cases[0]["name"] as? String == "esc [U+001B][31mred[U+001B][0m <&> \"q\"")
    #expect(cases[0]["message"] as? String == "line one\nline two\r\nend[U+FFFE]")
    #expect(cases[0]["detail"] as? String == "tab\there[U+0000][U+007F]")
    #expect(cases[1]["message"] is NSNull)
}
