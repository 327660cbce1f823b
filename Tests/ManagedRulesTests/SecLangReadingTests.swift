import ManagedRules
import Testing

/// ModSecurity configuration text read into directives and actions, as ModSecurity's parser splits it.
struct SecLangReadingTests {
    @Test("Continuation lines, comments, quotes and escaped quotes split as ModSecurity splits them")
    func directivesSplitLikeModSecurity() {
        let text = """
            # a comment
            SecRule REQUEST_HEADERS:User-Agent "@rx ^a \\"quoted\\" b$" \\
                "id:1,phase:1,pass,msg:'café, naïve'"

            SecMarker END
            """
        let directives = SecLangReader.directives(in: text, file: "t.conf")
        #expect(directives.map(\.name) == ["SecRule", "SecMarker"])
        #expect(directives.map(\.line) == [2, 5])
        #expect(
            directives.first?.arguments == [
                "REQUEST_HEADERS:User-Agent", #"@rx ^a "quoted" b$"#, "id:1,phase:1,pass,msg:'café, naïve'",
            ])
        #expect(directives.last?.arguments == ["END"])
    }

    @Test("A file with CRLF line ends reads as the same file with LF")
    func crlfLinesReadAsLF() {
        let text = "SecRule ARGS \"@rx x\" \\\n  \"id:2,phase:2,block\"\nSecAction \"id:3,pass\"\n"
        let lf = SecLangReader.directives(in: text, file: "t.conf")
        let crlf = SecLangReader.directives(
            in: text.replacingOccurrences(of: "\n", with: "\r\n"), file: "t.conf")
        #expect(lf.count == 2)
        #expect(crlf == lf)
    }

    @Test("Actions: blanks trimmed, single-quoted values keep commas and escaped quotes, bare actions have no value")
    func actionsParse() {
        let actions = SecLangAction.parse(
            #" id:942100 , t:urlDecodeUni,setvar:'tx.msg=a, b',msg:'it\'s', block,logdata:'Matched %{MATCHED_VAR}'"#)
        #expect(
            actions == [
                SecLangAction(name: "id", value: "942100"),
                SecLangAction(name: "t", value: "urlDecodeUni"),
                SecLangAction(name: "setvar", value: "tx.msg=a, b"),
                SecLangAction(name: "msg", value: "it's"),
                SecLangAction(name: "block", value: nil),
                SecLangAction(name: "logdata", value: "Matched %{MATCHED_VAR}"),
            ])
        #expect(
            SecLangAction.parse("tag:'language-multi', ver:'OWASP_CRS/3.3.4' ,") == [
                SecLangAction(name: "tag", value: "language-multi"),
                SecLangAction(name: "ver", value: "OWASP_CRS/3.3.4"),
            ])
        #expect(SecLangAction.parse("msg:'é, ü'") == [SecLangAction(name: "msg", value: "é, ü")])
    }
}
