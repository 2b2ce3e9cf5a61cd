"""Who a meeting was with: the journal's people and the account, from the addresses.

Per participant, the first that applies: (1) a person of the journal with that email
(case aside) — in ``people``, and a customer votes for their account; (2) an internal
domain (of a ``--me`` address or an internal team member) — ignored; (3) the email
domain of the people of exactly one account, not a public mail provider — a vote for
that account; (4) otherwise ``unmatched``. The account is the one with the most votes;
on a tie, the organizer's account, else none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from reljournal.core.meetings.records import Participant

PUBLIC_MAIL_DOMAINS: Final = frozenset(
    """gmail.com googlemail.com outlook.com hotmail.com hotmail.co.uk hotmail.fr hotmail.de
    live.com live.co.uk msn.com yahoo.com yahoo.co.uk yahoo.fr yahoo.de ymail.com
    icloud.com me.com mac.com aol.com proton.me protonmail.com pm.me gmx.de gmx.net gmx.at
    gmx.com web.de t-online.de freenet.de mail.com zoho.com yandex.com yandex.ru mail.ru
    qq.com 163.com 126.com orange.fr wanadoo.fr free.fr laposte.net libero.it virgilio.it
    btinternet.com sky.com comcast.net verizon.net att.net sbcglobal.net fastmail.com
    hey.com tutanota.com tuta.io""".split()
)

GROUP_INTERNAL: Final = "internal"


@dataclass(frozen=True)
class KnownPerson:
    id: int
    name: str
    email: str
    group: str  # customer, internal, partner
    account_id: int | None


@dataclass(frozen=True)
class Match:
    account_id: int | None
    people: tuple[KnownPerson, ...]
    unmatched: tuple[str, ...]


def domain_of(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


@dataclass
class Directory:
    """The journal's addresses, ready for matching meetings."""

    by_email: dict[str, KnownPerson] = field(default_factory=dict)
    internal_domains: set[str] = field(default_factory=set)
    account_by_domain: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, people: Iterable[KnownPerson], me: Iterable[str]) -> Directory:
        directory = cls()
        accounts_of_domain: dict[str, set[int]] = {}
        for person in sorted(people, key=lambda p: p.id):
            email = person.email.strip().lower()
            if "@" not in email:
                continue
            directory.by_email.setdefault(email, person)
            if person.group == GROUP_INTERNAL:
                directory.internal_domains.add(domain_of(email))
            if person.account_id is not None:
                accounts_of_domain.setdefault(domain_of(email), set()).add(person.account_id)
        for address in me:
            if "@" in address:
                directory.internal_domains.add(domain_of(address))
        for domain, accounts in accounts_of_domain.items():
            if len(accounts) == 1 and domain not in PUBLIC_MAIL_DOMAINS:
                directory.account_by_domain[domain] = next(iter(accounts))
        return directory

    def match(self, participants: Iterable[Participant]) -> Match:
        votes: Counter[int] = Counter()
        people: list[KnownPerson] = []
        unmatched: list[str] = []
        organizer_account: int | None = None
        for participant in participants:
            email = participant.email.lower()
            domain = domain_of(email)
            account: int | None = None
            person = self.by_email.get(email)
            if person is not None:
                if person not in people:
                    people.append(person)
                account = person.account_id
            elif domain in self.internal_domains:
                continue
            elif domain in self.account_by_domain:
                account = self.account_by_domain[domain]
            else:
                if email not in unmatched:
                    unmatched.append(email)
                continue
            if account is not None:
                votes[account] += 1
                if participant.organizer:
                    organizer_account = account
        return Match(_winner(votes, organizer_account), tuple(people), tuple(unmatched))


def _winner(votes: Counter[int], organizer_account: int | None) -> int | None:
    if not votes:
        return None
    ranked = votes.most_common()
    top = ranked[0][1]
    leaders = [account for account, count in ranked if count == top]
    if len(leaders) == 1:
        return leaders[0]
    return organizer_account if organizer_account in leaders else None
