"""The emulator's sign-in and consent page, one accessible page for both providers.

It lists the mailboxes the emulator holds (a person trying the demo sees which addresses
exist), each with its own "Continue as" form, and keeps a field to type any address.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SHOWN_ACCOUNTS = 20  # a benchmark's thousands of mailboxes are not all listed

_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f9;color:#1d2330}"
    "main{max-width:34rem;margin:2rem auto;background:#fff;padding:1.5rem;"
    "border:1px solid #d9dee7;border-radius:8px}"
    "button{font:inherit;padding:.4rem .9rem;margin:.2rem .3rem .2rem 0;cursor:pointer}"
    "ul.accounts{list-style:none;padding:0}ul.accounts form{margin:.3rem 0}"
    "input{font:inherit;padding:.35rem;max-width:100%}.error{color:#a2262b}"
    "p.note{color:#5b6476;font-size:.9rem}li,p,b,button{overflow-wrap:anywhere}"
    "button{max-width:100%;text-align:left}"
    "@media (max-width:40rem){main{margin:0;border:0;border-radius:0;padding:1rem}}"
)


@dataclass(frozen=True)
class ConsentPage:
    provider: str  # shown: "Google" | "Microsoft"
    client_id: str
    scopes: Sequence[str]
    action: str  # where the forms post
    hidden: Mapping[str, str]  # the pending request's fields
    login_field: str  # the form field that names the account
    approve: str  # the button labels
    deny: str


def _hidden(fields: Mapping[str, str]) -> str:
    return "".join(f'<input type="hidden" name="{html.escape(name)}" '
                   f'value="{html.escape(value)}">' for name, value in fields.items())


def render(page: ConsentPage, accounts: Sequence[tuple[str, str]], login: str,
           error: str | None = None) -> str:
    action = html.escape(page.action)
    scopes = "".join(f"<li>{html.escape(scope)}</li>" for scope in page.scopes)
    choices = "".join(
        f'<li><form method="post" action="{action}">{_hidden(page.hidden)}'
        f'{_hidden({page.login_field: address, "decision": "approve"})}'
        f'<button type="submit">Continue as {html.escape(address)}'
        f'{f" ({html.escape(name)})" if name else ""}</button></form></li>'
        for address, name in accounts[:SHOWN_ACCOUNTS])
    listed = (f'<h2>Accounts in this emulator</h2><ul class="accounts">{choices}</ul>'
              if choices else '<p class="note">This emulator holds no mailbox yet.</p>')
    more = (f'<p class="note">…and {len(accounts) - SHOWN_ACCOUNTS} more.</p>'
            if len(accounts) > SHOWN_ACCOUNTS else "")
    problem = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
    provider = html.escape(page.provider)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f"<title>Sign in - {provider} (emulator)</title><style>{_STYLE}</style></head>"
        f"<body><main><h1>Choose an account</h1>"
        f"<p>to continue to <b>{html.escape(page.client_id)}</b> ({provider}, emulated), "
        f"which wants to:</p><ul>{scopes}</ul>{problem}{listed}{more}"
        f'<h2>Another account</h2><form method="post" action="{action}">'
        f"{_hidden(page.hidden)}"
        f'<p><label for="login">Email</label> <input type="email" id="login" '
        f'name="{html.escape(page.login_field)}" value="{html.escape(login)}" '
        'autocomplete="username"></p>'
        f'<button type="submit" name="decision" value="approve">{html.escape(page.approve)}'
        f'</button><button type="submit" name="decision" value="deny" formnovalidate>'
        f"{html.escape(page.deny)}</button></form></main></body></html>"
    )


def error_page(title: str, heading: str, detail: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<link rel="icon" href="data:,">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main><h1>{html.escape(heading)}</h1><p>{html.escape(detail)}</p>"
        "</main></body></html>"
    )
