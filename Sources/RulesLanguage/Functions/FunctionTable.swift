/// Every built-in function, registered in one table (one file per function beside this one).
public enum FunctionTable {
    /// All functions, alphabetically.
    public static let all: [FunctionDefinition] = [
        .all, .any, .cidr, .cidr6, .concat, .decodeBase64, .endsWith, .hasKey, .hasValue, .len, .lookupJSONInteger,
        .lookupJSONString, .lower, .removeBytes, .startsWith, .substring, .upper, .urlDecode,
    ]

    /// Functions by name.
    public static let byName: [String: FunctionDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
