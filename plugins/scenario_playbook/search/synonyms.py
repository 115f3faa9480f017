"""Words that mean the same thing in a sales or service conversation.

A reader types the word they use ("boss", "coworker", "quote"); a scenario may use another
("manager", "colleague", "price"). Each group below is a set of everyday words of this trade
that stand for one another; a query word also matches the other words of its groups, at a lower
weight than itself (:data:`.query.SYNONYM`). The groups are general English of the workplace,
written from the domain, never from the evaluation queries, and the same for every scenario.

Stemmed at build time and shipped inside the index, so the browser uses exactly these.
"""

from __future__ import annotations

from .words import STOP_WORDS, stem

GROUPS: tuple[tuple[str, ...], ...] = (
    ("manager", "boss", "supervisor", "superior"),
    ("colleague", "coworker", "teammate"),
    ("customer", "client"),
    ("subscriber", "member", "customer"),
    ("prospect", "lead"),
    ("company", "firm", "business", "organisation", "organization", "employer"),
    ("supplier", "vendor", "provider", "competitor", "rival"),
    ("price", "cost", "fee", "rate"),
    ("quote", "quotation", "estimate", "proposal"),
    ("discount", "reduction"),
    ("cancel", "quit", "terminate"),
    ("refund", "reimburse", "repay"),
    ("late", "delay", "delayed", "overdue", "backorder"),
    ("angry", "furious", "irate", "upset", "shouting", "yelling", "livid"),
    ("swear", "abusive", "rude", "insult"),
    ("phone", "ring", "call", "telephone"),
    ("email", "message", "mail"),
    ("silent", "quiet", "ghost", "ghosted", "unresponsive"),
    ("reply", "respond", "response"),
    ("meeting", "appointment"),
    ("interview", "interviewer"),
    ("job", "role", "position"),
    ("salary", "pay", "wage", "compensation"),
    ("reference", "referee", "vouch", "recommendation"),
    ("referral", "introduction", "introducer"),
    ("review", "rating", "feedback"),
    ("outage", "offline", "crash"),
    ("mistake", "error"),
    ("overcharge", "overbill", "overcharged"),
    ("bill", "invoice", "billing"),
    ("renew", "renewal"),
    ("weakness", "flaw", "shortcoming"),
    ("pitch", "presentation", "demo"),
    ("handover", "handoff"),
    ("inherit", "inherited", "takeover"),
)


def stemmed_groups() -> list[tuple[str, ...]]:
    """Each group as the stems the index uses (stop words dropped, repeats removed)."""
    out = []
    for group in GROUPS:
        stems: list[str] = []
        for word in group:
            for part in word.replace("-", " ").split():
                root = stem(part)
                if part not in STOP_WORDS and root not in stems:
                    stems.append(root)
        if len(stems) > 1:
            out.append(tuple(stems))
    return out
