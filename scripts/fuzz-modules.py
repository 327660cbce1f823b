#!/usr/bin/env python3
"""Prints the modules a libFuzzer harness links, one a line: Swift modules first, C modules last.

    scripts/fuzz-modules.py SCRATCH Fuzz/NAME/main.swift

The roots are the package targets the harness imports (its `import X` lines; Foundation, Glibc and other modules
outside the package are skipped). Their recursive dependencies come from `swift package describe --type json` of
this package and, for products of other packages, of their checkouts in SCRATCH/checkouts. System-library targets
(CPCRE2, CCrypto, CZlib, CModSecurity) have no objects of their own and are left out: scripts/fuzz.sh links their libraries.
Exits 2 with a message naming the product when a dependency cannot be found in any checkout.
"""
import json
import pathlib
import re
import subprocess
import sys


def describe(package: pathlib.Path) -> dict | None:
    """The package's description, or None when SwiftPM cannot describe it."""
    result = subprocess.run(
        ["swift", "package", "--package-path", str(package), "--scratch-path", "/tmp/edgeproof-fuzz-describe",
         "describe", "--type", "json"],
        capture_output=True, text=True)
    return json.loads(result.stdout) if result.returncode == 0 else None


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: fuzz-modules.py SCRATCH Fuzz/NAME/main.swift", file=sys.stderr)
        return 2
    root = pathlib.Path(__file__).resolve().parent.parent
    checkouts = root / sys.argv[1] / "checkouts"
    harness = pathlib.Path(sys.argv[2]).read_text(encoding="utf-8")

    package = describe(root)
    if package is None:
        print("fuzz-modules: swift package describe failed for this package", file=sys.stderr)
        return 2
    targets = {target["name"]: target for target in package["targets"]}
    described_checkouts: list[dict] = []

    def product_targets(product: str) -> list[str]:
        """The targets of another package's product, describing checkouts until one has it."""
        if not described_checkouts:
            for checkout in sorted(checkouts.iterdir()) if checkouts.is_dir() else []:
                description = describe(checkout)
                if description is not None:
                    described_checkouts.append(description)
        for description in described_checkouts:
            for candidate in description["products"]:
                if candidate["name"] == product:
                    for target in description["targets"]:
                        targets.setdefault(target["name"], target)
                    return candidate["targets"]
        print(f"fuzz-modules: no checkout in {checkouts} provides the product '{product}'", file=sys.stderr)
        sys.exit(2)

    ordered: list[str] = []

    def visit(name: str) -> None:
        if name in ordered:
            return
        ordered.append(name)
        target = targets[name]
        for dependency in target.get("target_dependencies", []):
            visit(dependency)
        for product in target.get("product_dependencies", []):
            for dependency in product_targets(product):
                visit(dependency)

    imports = re.findall(r"^(?:@testable\s+)?import\s+(\w+)", harness, flags=re.MULTILINE)
    for name in imports:
        if name in targets:
            visit(name)
    if not ordered:
        print(f"fuzz-modules: {sys.argv[2]} imports no module of this package", file=sys.stderr)
        return 2
    swift = [name for name in ordered if targets[name]["module_type"] == "SwiftTarget"]
    clang = [name for name in ordered if targets[name]["module_type"] == "ClangTarget"]
    print("\n".join(swift + clang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
