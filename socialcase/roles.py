"""Your dream team (step 9): the role to hire, what moves to it, the org chart.

The suggested role answers the biggest gap the three signs found. Role
templates follow the roles of Sprout Social's team-structure guide.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from socialcase.formatting import percent
from socialcase.i18n import N_, gettext, pgettext

__all__ = [
    "ROLES",
    "ROLE_ACTIVITIES",
    "SIGN_NAMES",
    "Gap",
    "OrgChart",
    "Role",
    "fit",
    "gaps",
    "on_the_team",
    "org_chart",
    "org_chart_html",
    "plan_share",
    "suggested_role",
]


@dataclass(frozen=True)
class Role:
    """A role template: what the person does and where the role leads."""

    key: str
    title: str
    summary: str
    responsibilities: tuple[str, ...]
    career_path: tuple[str, ...]


ROLES: dict[str, Role] = {
    r.key: r
    for r in (
        Role(
            "community_manager",
            "Community manager",
            "Answers and starts conversations so no message goes unanswered.",
            (
                "Own the inbox and reply targets",
                "Moderate comments and communities",
                "Spot advocates and creators",
                "Feed customer insight to product and care",
            ),
            ("Community manager", "Senior community manager", "Head of community"),
        ),
        Role(
            "social_strategist",
            "Social strategist",
            "Turns business goals into a social plan and works across teams.",
            (
                "Plan campaigns with marketing, sales and product",
                "Set goals and KPIs for social",
                "Run the content calendar",
                "Brief and review agencies and creators",
            ),
            ("Social strategist", "Social media lead", "Director of social"),
        ),
        Role(
            "social_analyst",
            "Social analyst",
            "Measures what works and proves social's value in the business's numbers.",
            (
                "Build reporting that ties social to revenue",
                "Run tests on content and paid social",
                "Social listening and competitor benchmarks",
                "Forecast and budget support",
            ),
            ("Social analyst", "Senior analyst, marketing insights", "Head of marketing analytics"),
        ),
        Role(
            "content_creator",
            "Content creator",
            "Makes the posts, video and stories that grow the audience again.",
            (
                "Produce short video and stories",
                "Adapt content to each network",
                "Follow trends and formats",
                "Work with creators and user content",
            ),
            ("Content creator", "Senior content creator", "Creative lead, social"),
        ),
        Role(
            "social_customer_care",
            "Social customer care specialist",
            "Resolves customer questions in DMs and live chat within minutes.",
            (
                "Answer DMs and live chat within target",
                "Escalate issues to support and product",
                "Keep response-time and satisfaction reports",
                "Write saved replies and help content",
            ),
            ("Social care specialist", "Social care team lead", "Head of digital care"),
        ),
    )
}


@dataclass(frozen=True)
class Gap:
    """How large one sign's gap is, as a share 0-1, and the role that closes it.

    `sign` is a key ("engagement", "collaboration", "growth", "measurement");
    `SIGN_NAMES` holds it in words, `evidence` is in the current language.
    """

    sign: str
    share: float
    role_key: str
    evidence: str


def gaps(case: Any, growth_drop_share: float = 0.0) -> tuple[Gap, ...]:
    """The gaps the signs found, largest first.

    * engagement: missed messages / messages needing a reply (care specialist when
      live chat needs a person or more, else community manager);
    * collaboration: strategic hours lacking / hours wanted (strategist);
    * growth: the drop in growth rate after a stall, 0-1 (content creator);
    * measurement: share of the vision's value resting on analytics (analyst).
    """
    eng = case.engagement.without_hire
    missed = eng.missed_per_week / eng.needing_reply_per_week if eng.needing_reply_per_week else 0
    chat = case.engagement.chat
    care = chat is not None and chat.fte >= 1.0 and case.scenario.chat_messages_per_hour >= 10
    budget = case.collaboration
    lacking = (
        budget.hours_lacking_per_week / budget.strategic_hours_wanted_per_week
        if budget.strategic_hours_wanted_per_week
        else 0.0
    )
    value = case.vision.value_per_year
    analytics = next(
        a.value_per_year for a in case.vision.activities if a.activity.key == "analytics"
    )
    rows = [
        Gap(
            "engagement",
            missed,
            "social_customer_care" if care else "community_manager",
            gettext("{share} of messages that need a reply are never answered").format(
                share=percent(missed)
            ),
        ),
        Gap(
            "collaboration",
            lacking,
            "social_strategist",
            gettext("{share} of the strategy time the team wants is missing").format(
                share=percent(lacking)
            ),
        ),
        Gap(
            "growth",
            max(min(growth_drop_share, 1.0), 0.0),
            "content_creator",
            gettext("growth slowed by {share} after the stall").format(
                share=percent(growth_drop_share)
            ),
        ),
        Gap(
            "measurement",
            analytics / value if value > 0 else 0.0,
            "social_analyst",
            gettext("{share} of the hire's value rests on analytics").format(
                share=percent(analytics / value if value > 0 else 0)
            ),
        ),
    ]
    return tuple(sorted(rows, key=lambda g: g.share, reverse=True))


SIGN_NAMES = {
    "engagement": N_("engagement"),
    "collaboration": N_("collaboration"),
    "growth": N_("growth"),
    "measurement": N_("measurement"),
}
"""Each gap's sign in words (English: the key itself); translate with `gettext`."""


#: The hire's activities (`socialcase.scenario.ACTIVITIES`) each role does.
ROLE_ACTIVITIES: dict[str, tuple[str, ...]] = {
    "community_manager": ("responding", "community"),
    "social_customer_care": ("responding",),
    "social_strategist": ("collaboration",),
    "content_creator": ("content",),
    "social_analyst": ("analytics",),
}


def plan_share(scenario: Any, role_key: str) -> float:
    """Share of the hire's planned activity hours that go to the role's activities, 0-1:
    ``sum(hours on the role's activities) / sum(hours on every activity)``."""
    from socialcase.scenario import ACTIVITIES

    planned = {a.key: float(getattr(scenario, f"hire_{a.key}_hours_per_week")) for a in ACTIVITIES}
    total = sum(planned.values())
    return sum(planned[k] for k in ROLE_ACTIVITIES[role_key]) / total if total > 0 else 0.0


def on_the_team(team_roles: str, role: Role) -> bool:
    """Whether the team already has someone with the role's title (case-insensitive).

    >>> on_the_team("Social media manager; Content creator", ROLES["content_creator"])
    True
    """
    titles = {t.strip().lower() for t in team_roles.split(";")}
    return role.title.lower() in titles


def fit(case: Any, gap: Gap) -> float:
    """How well hiring for `gap` fits the case: ``gap.share * plan_share``, the size of
    the gap times the share of the hire's planned hours that go to closing it."""
    return gap.share * plan_share(case.scenario, gap.role_key)


def suggested_role(case: Any, growth_drop_share: float = 0.0) -> Role:
    """The scenario's chosen role or, for "auto", the role that best fits the case.

    The rule: among the gaps, drop the roles the team already has (`on_the_team`),
    then take the largest `fit` (gap times the hire's planned share of hours on it), so
    the suggestion never contradicts the hire's own week or repeats a role the team
    has. When nothing is left (or nothing fits), the biggest gap's role not on the team,
    else the biggest gap's role.

    >>> from socialcase import Scenario, evaluate
    >>> suggested_role(evaluate(Scenario()), growth_drop_share=0.9).title  # content: 6 of 26 h
    'Community manager'
    """
    chosen = case.scenario.hire_role
    if chosen != "auto":
        return ROLES[chosen]
    found = gaps(case, growth_drop_share)
    team = case.scenario.team_roles
    new = [g for g in found if not on_the_team(team, ROLES[g.role_key])]
    best = max(new, key=lambda g: fit(case, g), default=None)
    if best is not None and fit(case, best) > 0:
        return ROLES[best.role_key]
    return ROLES[(new or list(found))[0].role_key]


@dataclass(frozen=True)
class OrgChart:
    """People as (title, reports_to) pairs; the new role is flagged."""

    before: tuple[tuple[str, str], ...]
    after: tuple[tuple[str, str], ...]
    new_title: str


def org_chart(
    team_roles: str, team_size: int, new_role: Role, leader: str | None = None
) -> OrgChart:
    """The team before and after the hire; the first role named leads the team.

    >>> chart = org_chart("Social media manager; Content creator", 2, ROLES["social_analyst"])
    >>> chart.after[-1]
    ('Social analyst (new)', 'Social media manager')
    """
    leader = leader if leader is not None else gettext("Marketing director")
    titles = [t.strip() for t in team_roles.split(";") if t.strip()] or [
        gettext("Social media lead")
    ]
    titles = (titles + [titles[-1]] * team_size)[: max(team_size, 1)]
    lead = titles[0]
    before = ((lead, leader), *((t, lead) for t in titles[1:]))
    new_title = gettext("{title} (new)").format(title=pgettext("role", new_role.title))
    return OrgChart(before, (*before, (new_title, lead)), new_title)


def org_chart_html(chart: OrgChart, heading: str = "h4") -> str:
    """The chart before and after as nested lists, every title escaped; the new role
    carries the class ``sc-new``.

    >>> chart = org_chart("Lead <b>", 1, ROLES["social_analyst"])
    >>> "Lead &lt;b&gt;" in org_chart_html(chart), 'class="sc-new"' in org_chart_html(chart)
    (True, True)
    """

    def tree(people: tuple[tuple[str, str], ...]) -> str:
        lead, leader = people[0]
        reports = "".join(
            f'<li class="sc-new">{html.escape(title)}</li>'
            if title == chart.new_title
            else f"<li>{html.escape(title)}</li>"
            for title, _ in people[1:]
        )
        inner = f"<ul>{reports}</ul>" if reports else ""
        return (
            f'<ul class="sc-org"><li>{html.escape(leader)}<ul><li><b>{html.escape(lead)}</b>'
            f"{inner}</li></ul></li></ul>"
        )

    return (
        f'<div class="sc-org-pair"><div><{heading}>{html.escape(gettext("Before"))}</{heading}>'
        f"{tree(chart.before)}</div>"
        f"<div><{heading}>{html.escape(gettext('After'))}</{heading}>{tree(chart.after)}</div>"
        "</div>"
    )
