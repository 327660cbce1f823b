/// Stable ids of Rules-language diagnostics, documented in `docs/diagnostics-rules.md`.
public enum RulesDiagnosticID {
    /// The expression is empty.
    public static let emptyExpression = "E0601"
    /// The expression is longer than 4,096 characters.
    public static let expressionTooLong = "E0602"
    /// A tab separates two tokens.
    public static let tabBetweenTokens = "E0603"
    /// A character that cannot start or continue a token here.
    public static let unexpectedCharacter = "E0604"
    /// A quoted string has no closing quote.
    public static let unterminatedString = "E0605"
    /// A backslash escape other than `\"`, `\\`, `\xHH`, `\OOO`.
    public static let invalidEscape = "E0606"
    /// A raw string with more than 255 `#` or no terminator.
    public static let invalidRawString = "E0607"
    /// An integer outside the signed 64-bit range.
    public static let integerOverflow = "E0608"
    /// A malformed number (`08`, `0x`).
    public static let malformedNumber = "E0609"
    /// A malformed IP address.
    public static let invalidIPAddress = "E0610"
    /// A CIDR prefix longer than the address.
    public static let invalidPrefixLength = "E0611"
    /// A CIDR with bits set after the prefix.
    public static let cidrHostBitsSet = "E0612"
    /// A CIDR or range outside `{…}`.
    public static let setOnlyLiteral = "E0613"
    /// A reversed range or one mixing address families.
    public static let invalidRange = "E0614"
    /// A comma between set elements.
    public static let commaInSet = "E0615"
    /// A set element whose type does not match the field.
    public static let setElementType = "E0616"
    /// A set without closing `}`.
    public static let unterminatedSet = "E0617"
    /// An unknown field name.
    public static let unknownField = "E0618"
    /// An unknown function name.
    public static let unknownFunction = "E0619"
    /// A field not available in the rule context.
    public static let fieldNotInContext = "E0620"
    /// A field that needs a higher plan.
    public static let fieldNeedsPlan = "E0621"
    /// `cf.colo.id` (or another characteristic-only field) inside an expression.
    public static let characteristicOnlyField = "E0622"
    /// An operator the left side's type does not support.
    public static let operatorNotSupported = "E0623"
    /// A right-hand side of the wrong type.
    public static let rhsTypeMismatch = "E0624"
    /// `matches` on a plan below Business.
    public static let regexNeedsPlan = "E0625"
    /// A regular expression the engine rejects.
    public static let invalidRegex = "E0626"
    /// A malformed wildcard pattern.
    public static let invalidWildcard = "E0627"
    /// An unknown named list.
    public static let unknownList = "E0628"
    /// A named list whose items do not match the field's type.
    public static let listTypeMismatch = "E0629"
    /// A set or list with an operator other than `in`, or `in` without one.
    public static let membershipOperand = "E0630"
    /// The whole expression is not Bool.
    public static let notBoolean = "E0631"
    /// A comparison operator after a Bool value.
    public static let comparedBoolean = "E0632"
    /// A logical operand that is not Bool, or Bool mixed with Array<Bool>.
    public static let logicalOperandType = "E0633"
    /// A wrong number of function arguments.
    public static let argumentCount = "E0634"
    /// A function argument of the wrong type.
    public static let argumentType = "E0635"
    /// A literal where a field is required, or a field where a literal is required.
    public static let argumentKind = "E0636"
    /// A function not available in the rule context.
    public static let functionNotInContext = "E0637"
    /// An invalid index or an index on a value that is not a container.
    public static let invalidIndex = "E0638"
    /// `[*]` where it is not allowed.
    public static let invalidMapEach = "E0639"
    /// More than 128 nested parentheses, `not`s or calls.
    public static let nestingTooDeep = "E0640"
    /// A missing `)`, `]` or `(`.
    public static let expectedDelimiter = "E0641"
    /// A missing operand or right-hand side.
    public static let expectedExpression = "E0642"
    /// An uppercase keyword or operator.
    public static let uppercaseKeyword = "E0643"
    /// `strict wildcard` not written with exactly one space.
    public static let strictWildcardSpacing = "E0644"
    /// A function option or bound outside its allowed values.
    public static let invalidFunctionOption = "E0645"
    /// Text left over after a complete expression.
    public static let trailingInput = "E0646"
    /// Warning: a header map key with uppercase letters never matches.
    public static let headerKeyCase = "E0647"
    /// Warning: a deprecated field name or a field whose value no longer discriminates.
    public static let fieldCaveat = "E0648"
    /// A counting expression on a plan below Business.
    public static let countingNeedsPlan = "E0649"
}
