#!/usr/bin/env python3
"""Counts the public surface of every module under Sources/ and checks that each public declaration is documented.

    python3 Scripts/api-check.py              # a table per module, then every finding; exit 1 on a finding
    python3 Scripts/api-check.py --max-unsafe 12 --list-unsafe

Per module (each folder of Sources/) it prints:
- public lines: lines that declare something `public` or `open`, by the issue's regex (the same lines as
  grep -rEh '^[[:space:]]*(@[A-Za-z_]+(\\([^)]*\\))?[[:space:]]+)*(public|open)[[:space:]]' Sources/<Module>);
- undocumented: those of them with no `///` comment directly above (attribute lines such as `@inlinable` may stand
  between the comment and the declaration; a blank line or a `//` comment may not);
- unsafe files: files that mention `Unsafe…Pointer`, `withUnsafe…` or `Unmanaged` (as
  grep -rlE 'Unsafe[A-Za-z]*Pointer|withUnsafe|Unmanaged').

Unsafe code is allowed only in the storage and parallelism files named in STORAGE_FILES below, each of which states
its invariant at its top. It exits 1 when a public declaration has no doc comment, when a file outside that list uses
unsafe code, or when more than --max-unsafe files (12 by default) do; 0 otherwise. Each undocumented declaration is printed as `path:line: text`, so editors can jump to it.
"""

import argparse
import re
import sys
from pathlib import Path

PUBLIC = re.compile(r"^[ \t\r\f\v]*(@[A-Za-z_]+(\([^)]*\))?[ \t\r\f\v]+)*(public|open)[ \t\r\f\v]")
ATTRIBUTE_ONLY = re.compile(r"^\s*@[A-Za-z_]+(\(.*\))?\s*$")
DOC_COMMENT = re.compile(r"^\s*///")
UNSAFE = re.compile(r"Unsafe[A-Za-z]*Pointer|withUnsafe|Unmanaged")

# The only files where pointer code may live, and what each one stores. Each states its invariant at its top.
STORAGE_FILES = {
    "TweetArchive/TweetText.swift": "the archive's text blocks (huge-page memory), the reader's arena into them",
    "TweetArchive/Tweet.swift": "a tweet's view of its text and entity record in a text block",
    "TweetArchive/Entities/Entities.swift": "entity records' layout inside a text block",
    "TweetArchive/Entities/TextBytes.swift": "the bytes scanners and parsers read: TextBytes, ByteVector, tables",
    "TweetArchive/Archive+Storage.swift": "tweets sorted and parts joined by moves, the id index",
    "TweetArchive/Readers/InputBuffer.swift": "the one input buffer: read/pread, memchr, zlib inflate into it",
    "ReplyGraph/Threads/DecisionColumn.swift": "per-tweet columns the parallel thread passes write in place",
    "ReplyGraph/Threads/TweetWalk.swift": "the parallel walk over an archive's tweets, read in place",
    "ReplyGraph/Threads/TextScratch.swift": "the folded text copy and phrase tables thread cues search",
    "GraphExport/Export/FileSink.swift": "the bounded write buffer in front of a file descriptor",
    "GraphvizRender/GraphvizSession.swift": "every libgvc call and pointer, behind one lock",
}


def documented(lines: list[str], index: int) -> bool:
    """Whether the declaration on `lines[index]` has a `///` line directly above it, attributes allowed between."""
    i = index - 1
    while i >= 0 and ATTRIBUTE_ONLY.match(lines[i]):
        i -= 1
    return i >= 0 and DOC_COMMENT.match(lines[i]) is not None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", default=None, help="the Sources folder (default: the package's)")
    parser.add_argument("--max-unsafe", type=int, default=12, help="most files allowed to use unsafe code (12)")
    parser.add_argument("--list-unsafe", action="store_true", help="also list the files that use unsafe code")
    args = parser.parse_args()

    sources = Path(args.sources) if args.sources else Path(__file__).resolve().parent.parent / "Sources"
    modules = sorted(p for p in sources.iterdir() if p.is_dir())
    rows = []
    undocumented_all: list[str] = []
    unsafe_all: list[Path] = []
    for module in modules:
        public = 0
        undocumented: list[str] = []
        unsafe: list[Path] = []
        for path in sorted(module.rglob("*")):
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            if UNSAFE.search(text):
                unsafe.append(path)
            lines = text.split("\n")
            for i, line in enumerate(lines):
                if PUBLIC.match(line):
                    public += 1
                    if not documented(lines, i):
                        where = path.relative_to(sources.parent)
                        undocumented.append(f"{where}:{i + 1}: {line.strip()}")
        rows.append((module.name, public, len(undocumented), len(unsafe)))
        undocumented_all += undocumented
        unsafe_all += unsafe

    width = max(len("module"), *(len(r[0]) for r in rows))
    print(f"{'module':<{width}}  {'public lines':>12}  {'undocumented':>12}  {'unsafe files':>12}")
    for name, public, undocumented, unsafe in rows:
        print(f"{name:<{width}}  {public:>12}  {undocumented:>12}  {unsafe:>12}")
    totals = [sum(r[k] for r in rows) for k in (1, 2, 3)]
    print(f"{'total':<{width}}  {totals[0]:>12}  {totals[1]:>12}  {totals[2]:>12}")

    unlisted = [p for p in unsafe_all if p.relative_to(sources).as_posix() not in STORAGE_FILES]
    if args.list_unsafe or unlisted or len(unsafe_all) > args.max_unsafe:
        print(f"\nfiles using Unsafe…Pointer, withUnsafe… or Unmanaged ({len(unsafe_all)}, at most {args.max_unsafe}):")
        for path in unsafe_all:
            role = STORAGE_FILES.get(path.relative_to(sources).as_posix(), "NOT A STORAGE FILE: move the code")
            print(f"  {path.relative_to(sources.parent)}: {role}")
    if undocumented_all:
        print(f"\npublic declarations without a /// doc comment ({len(undocumented_all)}):")
        for finding in undocumented_all:
            print(finding)

    failed = bool(undocumented_all) or bool(unlisted) or len(unsafe_all) > args.max_unsafe
    print(f"\napi-check: {'FAILED' if failed else 'ok'}: {totals[1]} undocumented public declarations, "
          f"{len(unsafe_all)} unsafe files (at most {args.max_unsafe})", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
