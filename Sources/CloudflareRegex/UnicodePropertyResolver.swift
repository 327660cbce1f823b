/// Resolves `\p{…}` queries the way the Rust dialect names them: general categories (short or long names,
/// `gc=`), `Any`/`ASCII`/`Assigned`, scripts (`Greek`, `sc=Greek`, `scx=Greek`) and binary properties
/// (`Alphabetic`, `White_Space`, …). Names match loosely: case, spaces, `_` and `-` are ignored, as is a leading
/// `is`.
///
/// General categories come from the standard library; scripts and binary properties from PCRE2's tables.
/// Other properties (`Age`, `Word_Break`, …) are reported as unsupported.
enum UnicodePropertyResolver {
    /// The scalars of `query`, before its negation is applied (case folding must come first).
    static func scalars(for query: UnicodeClassQuery) throws(RegexSyntaxError) -> ScalarSet {
        let set: ScalarSet
        switch query.kind {
        case let .oneLetter(letter):
            guard let categories = generalCategories[normalize(String(letter))] else {
                throw unknown(String(letter), query.span)
            }
            set = UnicodeTables.shared.scalars(in: categories)
        case let .named(name):
            set = try named(name, span: query.span)
        case let .namedValue(name, value, _):
            let property = normalize(name)
            switch property {
            case "gc", "generalcategory":
                guard let categories = generalCategories[normalize(value)] else { throw unknown(value, query.span) }
                set = UnicodeTables.shared.scalars(in: categories)
            case "sc", "script", "scx", "scriptextensions":
                let prefix = property.hasPrefix("scx") || property == "scriptextensions" ? "scx" : "sc"
                let key = normalize(value)
                guard isSafeName(key), let found = PCRE2PropertyTable.scalars(matching: "\(prefix):\(key)") else {
                    throw unknown(value, query.span)
                }
                set = found
            default:
                throw RegexSyntaxError(
                    .unicodeProperty, "Unicode property `\(name)` is not supported here", span: query.span,
                    help:
                        "supported: general categories (gc=…), scripts (sc=…, scx=…) and binary properties such "
                        + "as Alphabetic"
                )
            }
        }
        return set
    }

    private static func named(_ name: String, span: Range<Int>) throws(RegexSyntaxError) -> ScalarSet {
        let key = normalize(name)
        switch key {
        case "any": return ScalarSet.all
        case "ascii": return ScalarSet([0...0x7F])
        case "assigned": return UnicodeTables.shared.scalars(in: [.unassigned]).inverted
        default: break
        }
        if let categories = generalCategories[key] { return UnicodeTables.shared.scalars(in: categories) }
        guard isSafeName(key), !pcreOnlyNames.contains(key) else { throw unknown(name, span) }
        if let script = PCRE2PropertyTable.scalars(matching: "sc:\(key)") { return script }
        if let binary = PCRE2PropertyTable.scalars(matching: key) { return binary }
        throw unknown(name, span)
    }

    private static func unknown(_ name: String, _ span: Range<Int>) -> RegexSyntaxError {
        RegexSyntaxError(
            .unicodeProperty, "unknown Unicode property `\(name)`", span: span,
            help:
                "use a general category such as `L` or `Lu`, a script such as `Greek`, or a binary property such as "
                + "`Alphabetic`"
        )
    }

    /// Names PCRE2 accepts but the Rust dialect does not.
    private static let pcreOnlyNames: Set<String> = ["xan", "xps", "xsp", "xwd", "xuc"]

    private static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }

    /// Loose matching: lowercase, drop spaces, `_` and `-`, and a leading `is`.
    static func normalize(_ name: String) -> String {
        var result = String(name.unicodeScalars.filter { $0 != " " && $0 != "_" && $0 != "-" }.map { Character($0) })
            .lowercased()
        if result.hasPrefix("is"), result.count > 2 { result.removeFirst(2) }
        return result
    }

    /// General category names (short, long and Rust's aliases) to categories.
    private static let generalCategories: [String: Set<Unicode.GeneralCategory>] = {
        let leaves: [(String, String, Unicode.GeneralCategory)] = [
            ("cc", "control", .control), ("cf", "format", .format), ("cn", "unassigned", .unassigned),
            ("co", "privateuse", .privateUse), ("cs", "surrogate", .surrogate),
            ("ll", "lowercaseletter", .lowercaseLetter), ("lm", "modifierletter", .modifierLetter),
            ("lo", "otherletter", .otherLetter), ("lt", "titlecaseletter", .titlecaseLetter),
            ("lu", "uppercaseletter", .uppercaseLetter), ("mc", "spacingmark", .spacingMark),
            ("me", "enclosingmark", .enclosingMark), ("mn", "nonspacingmark", .nonspacingMark),
            ("nd", "decimalnumber", .decimalNumber), ("nl", "letternumber", .letterNumber),
            ("no", "othernumber", .otherNumber), ("pc", "connectorpunctuation", .connectorPunctuation),
            ("pd", "dashpunctuation", .dashPunctuation), ("pe", "closepunctuation", .closePunctuation),
            ("pf", "finalpunctuation", .finalPunctuation), ("pi", "initialpunctuation", .initialPunctuation),
            ("po", "otherpunctuation", .otherPunctuation), ("ps", "openpunctuation", .openPunctuation),
            ("sc", "currencysymbol", .currencySymbol), ("sk", "modifiersymbol", .modifierSymbol),
            ("sm", "mathsymbol", .mathSymbol), ("so", "othersymbol", .otherSymbol),
            ("zl", "lineseparator", .lineSeparator), ("zp", "paragraphseparator", .paragraphSeparator),
            ("zs", "spaceseparator", .spaceSeparator),
        ]
        var table: [String: Set<Unicode.GeneralCategory>] = [:]
        for (short, long, category) in leaves {
            table[short] = [category]
            table[long] = [category]
        }
        func group(_ prefix: Character) -> Set<Unicode.GeneralCategory> {
            Set(leaves.filter { $0.0.first == prefix }.map(\.2))
        }
        for (short, long, prefix) in [
            ("c", "other", Character("c")), ("l", "letter", "l"), ("m", "mark", "m"),
            ("n", "number", "n"), ("p", "punctuation", "p"), ("s", "symbol", "s"), ("z", "separator", "z"),
        ] {
            table[short] = group(prefix)
            table[long] = group(prefix)
        }
        table["combiningmark"] = group("m")
        table["lc"] = [.lowercaseLetter, .uppercaseLetter, .titlecaseLetter]
        table["casedletter"] = table["lc"]
        table["digit"] = [.decimalNumber]
        table["cntrl"] = [.control]
        table["punct"] = group("p")
        return table
    }()
}
