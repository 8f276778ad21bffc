"""Where every default comes from.

Each published figure the sample case uses is a `Source`; scenario fields name
their source by key, so the dashboard and the report can answer "where does
this number come from?".
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["OWN_PUBLISHERS", "SOURCES", "Source"]

OWN_PUBLISHERS = frozenset(
    {"socialcase model assumption", "socialcase sample case", "Contact-centre practice"}
)
"""The "publishers" that are ours: their names and titles are our words and translate.
Every other source keeps its publisher and title as published; the figure, our summary
of what it says, is translated."""


@dataclass(frozen=True)
class Source:
    """A published figure and who published it."""

    key: str
    publisher: str
    title: str
    figure: str
    strength: str = "published"  # "published", "weak" or "estimate"
    year: int | None = None  # the year the figure's data describes, where it has one

    def citation(self) -> str:
        """One line for a help text or an appendix, with the data year.

        >>> SOURCES["linkedin_turnover"].citation()[:40]
        'LinkedIn (data of 2022), Marketing turno'
        """
        from socialcase.i18n import gettext

        own = self.publisher in OWN_PUBLISHERS  # our words: translated; a source's: as published
        publisher = gettext(self.publisher) if own else self.publisher
        title = gettext(self.title) if own else self.title
        who = (
            gettext("{publisher} (data of {year})").format(publisher=publisher, year=self.year)
            if self.year
            else publisher
        )
        line = f"{who}, {title}: {gettext(self.figure)}"
        if self.strength == "weak":
            return gettext("{citation} (weak source)").format(citation=line)
        if self.strength == "estimate":
            return gettext("{citation} (estimate: replace with yours)").format(citation=line)
        return line


_ALL = [
    Source(
        "sprout_inbound",
        "Sprout Social",
        "2024 Content Benchmarks report (via O'Dwyer's, Feb 2024)",
        "brands receive 70 inbound engagements a day on average (80 in 2022); the article "
        "quotes an older Sprout figure of 129",
        year=2023,
    ),
    Source(
        "sprout_inbound_article",
        "Sprout Social",
        "How to build a case for expanding your social media department",
        "brands receive 129 inbound engagements a day on average",
    ),
    Source(
        "article_40_hours",
        "Sprout Social",
        "How to build a case for expanding your social media department",
        "one hire brings 40 hours of dedicated work a week",
    ),
    Source(
        "gallup_replacement",
        "Gallup",
        "This Fixable Problem Costs U.S. Businesses $1 Trillion",
        "replacing an employee costs 0.5x to 2x annual salary (conservative)",
    ),
    Source(
        "cap_replacement",
        "Boushey & Glynn, Center for American Progress",
        "There Are Significant Business Costs to Replacing Employees (2012)",
        "median replacement cost across 30 case studies is 21% of salary",
    ),
    Source(
        "linkedin_turnover",
        "LinkedIn",
        "Marketing turnover, July 2021-June 2022 (secondary copies)",
        "annual turnover in marketing is 12.9% (all functions 10.6%): the average of all "
        "marketers, with and without overtime",
        year=2022,
    ),
    Source(
        "linkedin_turnover_2017",
        "LinkedIn Talent Insights",
        "Industries and functions with the highest turnover",
        "annual turnover in marketing is 17% (average of all functions 10.9%)",
        year=2017,
    ),
    Source(
        "shrm_turnover",
        "SHRM",
        "Human Capital Benchmarking Report (2016)",
        "annual turnover across US jobs is 19%",
    ),
    Source(
        "sprout_leave",
        "Sprout Social",
        "Pulse survey, Q2 2023",
        "20% of social media professionals plan to leave social within 12 months",
    ),
    Source(
        "bls_ecec",
        "US Bureau of Labor Statistics",
        "Employer Costs for Employee Compensation, December 2024",
        "benefits $13.20/h on wages $31.47/h = 41.9% of wages, private industry",
        year=2024,
    ),
    Source(
        "bls_ecec_small",
        "US Bureau of Labor Statistics",
        "Employer Costs for Employee Compensation, September 2024",
        "benefits are about 34% of wages at firms under 50 staff",
        year=2024,
    ),
    Source(
        "templates_benefits",
        "Common position-request templates",
        "business-case templates for a new position",
        "benefits load of 25-30% of base salary",
        "weak",
    ),
    Source(
        "skatteetaten_aga",
        "Skatteetaten",
        "Arbeidsgiveravgift, sone 1",
        "employer social security contribution is 14.1%",
    ),
    Source(
        "ferieloven",
        "Ferieloven",
        "Feriepenger",
        "holiday pay is 10.2% of the previous year's pay (12% with a fifth week, as most "
        "agreements give)",
    ),
    Source(
        "regnskapsskole_cost",
        "regnskapsskole.no",
        "Hva koster en ansatt",
        "NOK 600,000 salary costs NOK 707,405 a year: pay for 47 of 52 weeks, 12% "
        "feriepenger, 14.1% AGA, 2% OTP above 1G (G = 101,351), yrkesskadeforsikring 3,000",
    ),
    Source(
        "otp_law",
        "Lov om obligatorisk tjenestepensjon",
        "Obligatorisk tjenestepensjon",
        "at least 2% of pay between 1G and 12G goes to occupational pension",
    ),
    Source(
        "nav_g",
        "NAV",
        "Grunnbeløpet i folketrygden, from 1 May 2025",
        "1G = NOK 130,160",
        year=2025,
    ),
    Source(
        "shrm_cost_per_hire",
        "SHRM",
        "Talent acquisition benchmarking",
        "cost per hire $4,129 (2016), $4,425 (2017), about $4,700 (recent)",
        year=2017,
    ),
    Source(
        "saratoga_cost_per_hire",
        "PwC Saratoga",
        "Workforce analytics (2022)",
        "cost per hire at large US employers $2,700",
    ),
    Source(
        "shrm_time_to_fill",
        "SHRM",
        "Human Capital Benchmarking Report (2016)",
        "average time to fill a position is 42 days",
        year=2016,
    ),
    Source(
        "mellon_ramp",
        "Mellon Financial study, cited by MIT Sloan Management Review",
        "Time to full productivity",
        "8 weeks clerical, 20 weeks professional, 26+ weeks executive",
    ),
    Source(
        "bls_oews_pr",
        "US Bureau of Labor Statistics",
        "OEWS May 2023, SOC 27-3031 public relations specialists (Occupational Outlook Handbook)",
        "median annual wage $66,750; 10th-90th percentile $42,000-$96,510 (includes social "
        "media specialists; May 2020: $62,810)",
        year=2023,
    ),
    Source(
        "ssb_salary",
        "Statistics Norway (SSB)",
        "Earnings, professional occupations (akademiske yrker), 2024",
        "NOK 66,850 a month",
        year=2024,
    ),
    Source(
        "sprout_index_2016",
        "Sprout Social",
        "Sprout Social Index 2016",
        "brands answer 11% of messages; average response 10 h vs 4 h expected",
    ),
    Source(
        "hubspot_response",
        "HubSpot research",
        "Customer expectations for social response",
        "79% expect a reply within 24 h, 39% within 60 min",
    ),
    Source(
        "liveagent_handle_time",
        "LiveAgent",
        "Social media customer support benchmark",
        "about 5 minutes per social message (DMs 8-15 min)",
        "weak",
    ),
    Source(
        "cc_concurrency",
        "Contact-centre practice",
        "Chat concurrency",
        "one agent handles 4-8 chats at once",
        "weak",
    ),
    Source(
        "cc_service_level",
        "Contact-centre convention",
        "Service level 80/20",
        "80% of contacts answered within 20 seconds",
    ),
    Source(
        "cc_occupancy",
        "Contact-centre practice",
        "Maximum occupancy",
        "occupancy above 85% leads to burnout",
    ),
    Source(
        "cc_shrinkage",
        "Contact-centre practice",
        "Shrinkage",
        "25-35% of paid time goes to meetings, leave and training",
    ),
    Source(
        "flsa_week",
        "US Fair Labor Standards Act",
        "Standard workweek",
        "overtime starts after 40 hours a week",
    ),
    Source(
        "nok_conversion",
        "Norges Bank",
        "Exchange rates, annual average 2024",
        "the US figure converted at about NOK 10.76 per USD",
        "estimate",
        year=2024,
    ),
    Source(
        "productive_share",
        "Contact-centre practice",
        "Shrinkage without leave",
        "25-35% of paid time is shrinkage, of which leave is about 10% (5 of 52 weeks, "
        "counted in working weeks here): about 80% of a working week is productive",
        "weak",
    ),
    Source(
        "discount_rate",
        "socialcase model assumption",
        "A corporate hurdle rate for a staffing decision",
        "8% a year, about a mid-sized firm's cost of capital; use your finance team's rate",
        "estimate",
    ),
    Source(
        "estimation_bias",
        "socialcase model assumption",
        "Shared estimation bias",
        "the same people estimate every rate, so their errors lean the same way: a "
        "correlation of 0.3-0.5 between activities, 0.4 as the base",
        "estimate",
    ),
    Source(
        "overtime_turnover",
        "socialcase model assumption",
        "Overtime and leaving, as a proportional hazard",
        "turnover rate x exp(slope x overtime share), slope 0 to 2: at 20% overtime a "
        "17% rate becomes 17-25%; no study of long hours and actual turnover was found to "
        "pin it, so it is a stated assumption with a bounded range",
        "estimate",
    ),
    Source(
        "sample_case",
        "socialcase sample case",
        "A mid-sized brand's social team, invented for the demo",
        "the sample team's own figure",
        "estimate",
    ),
    Source(
        "model_assumption",
        "socialcase model assumption",
        "Stated in the formula's docstring",
        "an assumption of the model, not a published figure",
        "estimate",
    ),
]

SOURCES: dict[str, Source] = {source.key: source for source in _ALL}
