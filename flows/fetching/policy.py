"""How claimdesk fetches, from its settings: the User-Agent, the limits, the client."""

from __future__ import annotations

import httpx

from flows.fetching.fetch import USER_AGENT, FetchPolicy, make_client
from flows.settings import Settings


def user_agent(contact: str | None) -> str:
    """claimdesk's User-Agent, with the operator's contact when one is configured."""
    return USER_AGENT if not contact else f"{USER_AGENT.removesuffix(')')}; {contact})"


def fetch_policy(settings: Settings) -> FetchPolicy:
    return FetchPolicy(
        allow_private=settings.allow_private_hosts,
        attempts=settings.fetch_attempts,
        backoff_base=settings.fetch_backoff,
    )


def open_client(settings: Settings) -> httpx.Client:
    """The client to share between the fetches of one run; close it when done."""
    return make_client(timeout=settings.fetch_timeout, user_agent=user_agent(settings.contact))
