"""The part of OData's query language Graph accepts on messages: ``$filter``, ``$orderby``,
``$select`` and ``$expand=singleValueExtendedProperties($filter=...)``.

Expressions are evaluated against the resource's own JSON (as Graph would render it), so a
property path in a filter is the same path a client reads in the answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

JsonObject = dict[str, Any]


class ODataError(ValueError):
    """The query option is malformed or names what the resource does not have."""

    def __init__(self, message: str, code: str = "BadRequest") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Constant:
    value: str | bool | int | float | datetime | None


@dataclass(frozen=True)
class Path:
    segments: tuple[str, ...]


@dataclass(frozen=True)
class Compare:
    op: str  # eq ne gt ge lt le
    left: Node
    right: Node


@dataclass(frozen=True)
class Logical:
    op: str  # and / or
    left: Node
    right: Node


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class Lambda:
    collection: Path
    quantifier: str  # any / all
    variable: str
    body: Node


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node, ...]


Node = Constant | Path | Compare | Logical | Not | Lambda | Call

_COMPARISONS = frozenset({"eq", "ne", "gt", "ge", "lt", "le"})
_FUNCTIONS = frozenset({"startswith", "endswith"})
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<string>'(?:[^']|'')*')
  | (?P<datetime>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})?)
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_.]*)
  | (?P<punct>[/(),:])
    """,
    re.VERBOSE,
)
MAX_EXPRESSION_CHARS = 4_000
MAX_DEPTH = 40


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    position: int


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ODataError(f"Invalid filter clause: syntax error at position {position}.")
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append(_Token(kind, match.group(), position))
        position = match.end()
    return tokens


def parse_datetime(text: str) -> datetime | None:
    """A Graph/OData date-time (``Z`` or offset, up to 7 fraction digits); None if not one."""
    match = re.fullmatch(
        r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})?", text
    )
    if match is None:
        return None
    base, fraction, zone = match.groups()
    micro = (fraction or "").ljust(6, "0")[:6]
    offset = "+00:00" if zone in (None, "Z") else zone
    try:
        return datetime.fromisoformat(f"{base}.{micro}{offset}")
    except ValueError:
        return None


class _Parser:
    def __init__(self, text: str) -> None:
        if len(text) > MAX_EXPRESSION_CHARS:
            raise ODataError("Invalid filter clause: the expression is too long.")
        self._tokens = _tokenize(text)
        self._index = 0
        self._depth = 0
        self._variables: list[str] = []

    def parse(self) -> Node:
        if not self._tokens:
            raise ODataError("Invalid filter clause: the expression is empty.")
        node = self._or()
        if self._index != len(self._tokens):
            token = self._tokens[self._index]
            raise ODataError(
                f"Invalid filter clause: unexpected '{token.text}' at position {token.position}."
            )
        return node

    def _peek(self) -> _Token | None:
        return self._tokens[self._index] if self._index < len(self._tokens) else None

    def _at(self, text: str) -> bool:
        token = self._peek()
        return token is not None and token.text == text

    def _next(self) -> _Token:
        token = self._peek()
        if token is None:
            raise ODataError("Invalid filter clause: the expression ends too early.")
        self._index += 1
        return token

    def _expect(self, text: str) -> None:
        token = self._next()
        if token.text != text:
            raise ODataError(
                f"Invalid filter clause: expected '{text}' at position {token.position}."
            )

    def _keyword(self, *words: str) -> str | None:
        token = self._peek()
        if token is not None and token.kind == "name" and token.text.lower() in words:
            self._index += 1
            return token.text.lower()
        return None

    def _or(self) -> Node:
        node = self._and()
        while self._keyword("or"):
            node = Logical("or", node, self._and())
        return node

    def _and(self) -> Node:
        node = self._unary()
        while self._keyword("and"):
            node = Logical("and", node, self._unary())
        return node

    def _unary(self) -> Node:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise ODataError("Invalid filter clause: the expression is nested too deeply.")
        try:
            if self._keyword("not"):
                return Not(self._unary())
            return self._comparison()
        finally:
            self._depth -= 1

    def _comparison(self) -> Node:
        left = self._operand()
        op = self._keyword(*_COMPARISONS)
        if op is None:
            if isinstance(left, Lambda | Call | Logical | Not | Compare):
                return left
            token = self._peek()
            where = f"'{token.text}'" if token else "the end"
            raise ODataError(f"Invalid filter clause: expected an operator before {where}.")
        return Compare(op, left, self._operand())

    def _operand(self) -> Node:
        token = self._next()
        if token.text == "(":
            node = self._or()
            self._expect(")")
            return node
        if token.kind == "string":
            return Constant(token.text[1:-1].replace("''", "'"))
        if token.kind == "datetime":
            moment = parse_datetime(token.text)
            if moment is None:
                raise ODataError(f"Invalid filter clause: bad date-time '{token.text}'.")
            return Constant(moment)
        if token.kind == "number":
            return Constant(float(token.text) if "." in token.text else int(token.text))
        if token.kind != "name":
            raise ODataError(
                f"Invalid filter clause: unexpected '{token.text}' at position {token.position}."
            )
        lowered = token.text.lower()
        if lowered in ("true", "false"):
            return Constant(lowered == "true")
        if lowered == "null":
            return Constant(None)
        if self._at("("):
            return self._call(token)
        return self._path(token)

    def _call(self, name: _Token) -> Node:
        function = name.text.lower()
        if function not in _FUNCTIONS:
            raise ODataError(
                f"Invalid filter clause: the function '{name.text}' is not supported.",
                code="ErrorInvalidUrlQueryFilter",
            )
        self._expect("(")
        args = [self._operand()]
        while self._at(","):
            self._next()
            args.append(self._operand())
        self._expect(")")
        if len(args) != 2:
            raise ODataError(f"Invalid filter clause: '{function}' takes two arguments.")
        return Call(function, tuple(args))

    def _path(self, first: _Token) -> Node:
        segments = [first.text]
        while self._at("/"):
            self._next()
            segment = self._next()
            if segment.kind != "name":
                raise ODataError(
                    f"Invalid filter clause: bad property path at position {segment.position}."
                )
            if segment.text.lower() in ("any", "all") and self._at("("):
                return self._lambda(Path(tuple(segments)), segment.text.lower())
            segments.append(segment.text)
        return Path(tuple(segments))

    def _lambda(self, collection: Path, quantifier: str) -> Node:
        self._expect("(")
        variable = self._next()
        if variable.kind != "name":
            raise ODataError("Invalid filter clause: a lambda needs a variable name.")
        self._expect(":")
        self._variables.append(variable.text)
        try:
            body = self._or()
        finally:
            self._variables.pop()
        self._expect(")")
        return Lambda(collection, quantifier, variable.text, body)


def parse_filter(text: str) -> Node:
    return _Parser(text).parse()


# --- checking a parsed expression against what the resource has ---------------------------

Schema = dict[str, Any]  # property name -> None (a value), Schema (an object) or [Schema]


def schema_of(sample: JsonObject) -> Schema:
    """The shape of a resource, from a rendering with one element in each collection."""
    schema: Schema = {}
    for key, value in sample.items():
        if key.startswith("@"):
            continue
        if isinstance(value, dict):
            schema[key] = schema_of(value)
        elif isinstance(value, list):
            schema[key] = [schema_of(value[0]) if value and isinstance(value[0], dict) else None]
        else:
            schema[key] = None
    return schema


def _lookup(schema: Schema, name: str) -> str | None:
    if name in schema:
        return name
    lowered = name.lower()
    for key in schema:
        if key.lower() == lowered:
            return key
    return None


def check_filter(node: Node, schema: Schema, type_name: str) -> None:
    """Raise :class:`ODataError` for a property the resource does not have."""

    def walk(node: Node, scopes: dict[str, Schema]) -> None:
        if isinstance(node, Path):
            _resolve_schema(node.segments, schema, scopes, type_name)
        elif isinstance(node, Compare | Logical):
            walk(node.left, scopes)
            walk(node.right, scopes)
        elif isinstance(node, Not):
            walk(node.operand, scopes)
        elif isinstance(node, Call):
            for arg in node.args:
                walk(arg, scopes)
        elif isinstance(node, Lambda):
            element = _resolve_schema(node.collection.segments, schema, scopes, type_name)
            if not isinstance(element, list):
                raise ODataError(
                    f"'{'/'.join(node.collection.segments)}' is not a collection.",
                    code="BadRequest",
                )
            inner = element[0] if element and isinstance(element[0], dict) else {}
            walk(node.body, {**scopes, node.variable: inner})

    walk(node, {})


def _resolve_schema(
    segments: tuple[str, ...], schema: Schema, scopes: dict[str, Schema], type_name: str
) -> Any:
    current: Any = schema
    rest = segments
    if segments[0] in scopes:
        current, rest = scopes[segments[0]], segments[1:]
    for segment in rest:
        if not isinstance(current, dict):
            raise ODataError(
                f"Could not find a property named '{segment}' on type '{type_name}'.",
                code="RequestBroker--ParseUri",
            )
        key = _lookup(current, segment)
        if key is None:
            raise ODataError(
                f"Could not find a property named '{segment}' on type '{type_name}'.",
                code="RequestBroker--ParseUri",
            )
        current = current[key]
    return current


def filter_properties(node: Node) -> list[str]:
    """Top-level property paths in the order they appear (for Graph's orderby rule)."""
    found: list[str] = []

    def walk(node: Node) -> None:
        if isinstance(node, Path):
            found.append("/".join(node.segments).lower())
        elif isinstance(node, Compare | Logical):
            walk(node.left)
            walk(node.right)
        elif isinstance(node, Not):
            walk(node.operand)
        elif isinstance(node, Call):
            for arg in node.args:
                walk(arg)
        elif isinstance(node, Lambda):
            found.append("/".join(node.collection.segments).lower())

    walk(node)
    return found


# --- evaluation ------------------------------------------------------------------------------

def _resolve(segments: tuple[str, ...], resource: JsonObject, scopes: dict[str, Any]) -> Any:
    current: Any = resource
    rest = segments
    if segments[0] in scopes:
        current, rest = scopes[segments[0]], segments[1:]
    for segment in rest:
        if not isinstance(current, dict):
            return None
        key = _lookup(current, segment)
        current = current.get(key) if key is not None else None
    return current


_CASE_SENSITIVE = re.compile(r"(?i).*id$")


def _comparable(value: Any, other: Any) -> Any:
    if isinstance(other, datetime) and isinstance(value, str):
        return parse_datetime(value)
    return value


# In scopes, the name under which the resource itself is an extended property (for
# ``$expand=singleValueExtendedProperties($filter=id eq '...')``).
_EXTENDED_PROPERTY_ITSELF = "\x00extendedProperty"


def _string_key(path: Node, scopes: dict[str, Any], value: str) -> str:
    """Ids compare exactly; other strings (names, subjects, addresses) ignore case, as
    Exchange does. An extended property id ignores case and spacing."""
    if isinstance(path, Path):
        last = path.segments[-1]
        in_property = path.segments[0] in scopes or _EXTENDED_PROPERTY_ITSELF in scopes
        if in_property and last.lower() == "id":
            return " ".join(value.split()).lower()
        if _CASE_SENSITIVE.fullmatch(last):
            return value
    return value.lower()


def evaluate(node: Node, resource: JsonObject) -> bool:
    return bool(_evaluate(node, resource, {}))


def evaluate_on_extended_property(node: Node, prop: JsonObject) -> bool:
    return bool(_evaluate(node, prop, {_EXTENDED_PROPERTY_ITSELF: True}))


def _evaluate(node: Node, resource: JsonObject, scopes: dict[str, Any]) -> Any:
    if isinstance(node, Constant):
        return node.value
    if isinstance(node, Path):
        return _resolve(node.segments, resource, scopes)
    if isinstance(node, Logical):
        left = bool(_evaluate(node.left, resource, scopes))
        if node.op == "and":
            return left and bool(_evaluate(node.right, resource, scopes))
        return left or bool(_evaluate(node.right, resource, scopes))
    if isinstance(node, Not):
        return not _evaluate(node.operand, resource, scopes)
    if isinstance(node, Lambda):
        items = _resolve(node.collection.segments, resource, scopes)
        if not isinstance(items, list):
            items = []
        results = (
            bool(_evaluate(node.body, resource, {**scopes, node.variable: item}))
            for item in items
        )
        return any(results) if node.quantifier == "any" else all(results)
    if isinstance(node, Call):
        subject = _evaluate(node.args[0], resource, scopes)
        prefix = _evaluate(node.args[1], resource, scopes)
        if not isinstance(subject, str) or not isinstance(prefix, str):
            return False
        if node.name == "startswith":
            return subject.lower().startswith(prefix.lower())
        return subject.lower().endswith(prefix.lower())
    return _compare(node, resource, scopes)


def _compare(node: Compare, resource: JsonObject, scopes: dict[str, Any]) -> bool:
    left = _evaluate(node.left, resource, scopes)
    right = _evaluate(node.right, resource, scopes)
    left = _comparable(left, right)
    right = _comparable(right, left)
    if isinstance(left, str) and isinstance(right, str):
        path = node.left if isinstance(node.left, Path) else node.right
        left = _string_key(path, scopes, left)
        right = _string_key(path, scopes, right)
    if node.op == "eq":
        return bool(left == right)
    if node.op == "ne":
        return bool(left != right)
    if left is None or right is None:
        return False
    try:
        if node.op == "gt":
            return bool(left > right)
        if node.op == "ge":
            return bool(left >= right)
        if node.op == "lt":
            return bool(left < right)
        return bool(left <= right)
    except TypeError:
        return False


# --- $select, $orderby, $expand ------------------------------------------------------------------

def parse_select(text: str, schema: Schema, type_name: str) -> list[str]:
    names: list[str] = []
    for raw in text.split(","):
        name = raw.strip()
        if not name:
            raise ODataError("Invalid $select: an empty property name.")
        key = _lookup(schema, name)
        if key is None:
            raise ODataError(
                f"Could not find a property named '{name}' on type '{type_name}'.",
                code="RequestBroker--ParseUri",
            )
        names.append(key)
    return names


@dataclass(frozen=True)
class OrderBy:
    path: tuple[str, ...]
    descending: bool


def parse_orderby(text: str, schema: Schema, type_name: str) -> list[OrderBy]:
    order: list[OrderBy] = []
    for raw in text.split(","):
        words = raw.split()
        if not words or len(words) > 2 or (
            len(words) == 2 and words[1].lower() not in ("asc", "desc")
        ):
            raise ODataError(f"Invalid $orderby: '{raw.strip()}'.")
        segments = tuple(words[0].split("/"))
        _resolve_schema(segments, schema, {}, type_name)
        order.append(OrderBy(segments, len(words) == 2 and words[1].lower() == "desc"))
    return order


def sort_resources(resources: list[JsonObject], order: list[OrderBy]) -> list[JsonObject]:
    """Stable multi-key sort; nulls last whichever the direction."""
    result = list(resources)
    for key in reversed(order):
        def sort_key(item: JsonObject, key: OrderBy = key) -> tuple[bool, Any]:
            value = _resolve(key.path, item, {})
            if isinstance(value, str):
                moment = parse_datetime(value)
                if moment is not None:
                    return (False, moment)
                return (False, value.lower())
            return (value is None, value if value is not None else 0)

        present = [item for item in result if _resolve(key.path, item, {}) is not None]
        absent = [item for item in result if _resolve(key.path, item, {}) is None]
        try:
            present.sort(key=sort_key, reverse=key.descending)
        except TypeError as error:
            raise ODataError(f"Invalid $orderby: {error}.") from error
        result = present + absent
    return result


@dataclass(frozen=True)
class Expansion:
    name: str
    filter: Node | None


def parse_expand(text: str, schema: Schema, type_name: str) -> list[Expansion]:
    expansions: list[Expansion] = []
    for raw in _split_top_level(text):
        match = re.fullmatch(r"\s*([A-Za-z]+)\s*(?:\((.*)\))?\s*", raw, re.DOTALL)
        if match is None:
            raise ODataError(f"Invalid $expand: '{raw.strip()}'.")
        name, options = match.groups()
        key = _lookup(schema, name)
        if key != "singleValueExtendedProperties":
            raise ODataError(
                f"Parsing OData Select and Expand failed: could not expand '{name}' "
                f"on type '{type_name}'.",
                code="BadRequest",
            )
        node: Node | None = None
        if options is not None:
            option = re.fullmatch(r"\s*\$filter\s*=\s*(.+)", options, re.DOTALL)
            if option is None:
                raise ODataError(f"Invalid $expand options: '{options}'.")
            node = parse_filter(option.group(1))
            check_filter(node, {"id": None, "value": None}, "microsoft.graph.extendedProperty")
        expansions.append(Expansion(key, node))
    return expansions


def _split_top_level(text: str) -> Iterator[str]:
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                raise ODataError("Invalid $expand: unbalanced parentheses.")
        elif char == "," and depth == 0:
            yield text[start:index]
            start = index + 1
    if depth != 0:
        raise ODataError("Invalid $expand: unbalanced parentheses.")
    yield text[start:]
