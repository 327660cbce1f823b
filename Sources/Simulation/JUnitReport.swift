/// A JUnit XML report, the format CI systems read: one suite, one case per check, failures with a message and detail.
public struct JUnitReport: Sendable {
    /// One test case.
    public struct Case: Sendable {
        /// Its name.
        public let name: String
        /// The failure message, or nil when the case passed.
        public let failure: String?
        /// Text shown under a failure.
        public let detail: String

        /// Creates a case.
        public init(name: String, failure: String? = nil, detail: String = "") {
            self.name = name
            self.failure = failure
            self.detail = detail
        }
    }

    /// The suite name.
    public let suite: String
    /// The cases in order.
    public let cases: [Case]

    /// Creates a report.
    public init(suite: String, cases: [Case]) {
        self.suite = suite
        self.cases = cases
    }

    /// The XML document.
    public var xml: String {
        let escape = TextFormatting.xmlEscaped
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out +=
            "<testsuite name=\"\(escape(suite))\" tests=\"\(cases.count)\" "
            + "failures=\"\(cases.filter { $0.failure != nil }.count)\">\n"
        for test in cases {
            out += "  <testcase classname=\"\(escape(suite))\" name=\"\(escape(test.name))\""
            if let failure = test.failure {
                out +=
                    ">\n    <failure message=\"\(escape(failure))\">\(escape(test.detail))</failure>\n  </testcase>\n"
            } else {
                out += "/>\n"
            }
        }
        return out + "</testsuite>\n"
    }
}
