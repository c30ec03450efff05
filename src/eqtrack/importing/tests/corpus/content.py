"""The words of the corpus's plans: realistic UK council equality actions, with progress and
next steps as officers write them, shared out among the layouts so each reads differently."""

from __future__ import annotations

from eqtrack.importing.readers.base import Item, NestedItem

# (action, progress items, next-steps items)
ActionWords = tuple[str, list[Item], list[Item]]

EMPLOYER: list[ActionWords] = [
    (
        "Publish our gender, ethnicity and disability pay gaps each year, with an action plan to close them.",
        [
            "Gender pay gap report published in March 2023; the median gap fell to 6.2%.",
            "Ethnicity pay gap calculated for the first time from 71% of staff who declared.",
        ],
        ["Encourage staff to update their equality data through the “Count me in” campaign."],
    ),
    (
        "Introduce guaranteed interviews for disabled applicants who meet the essential criteria.",
        ["Scheme live on the recruitment portal since July 2023; 38 guaranteed interviews held."],
        ["Report outcomes of the scheme to the Workforce Board in the spring."],
    ),
    (
        "Support staff networks for disabled, LGBT+ and Black, Asian and minority ethnic colleagues.",
        [
            "Each network now has an executive sponsor and 0.1 FTE facility time for its chair.",
            NestedItem(
                "Events held this year:",
                [
                    "Black History Month talk with 120 attendees.",
                    "Pride flag raising at the Town Hall.",
                ],
            ),
        ],
        [],
    ),
    (
        "Deliver “Inclusive Leadership” training to all managers.",
        ["214 of 260 managers (82%) have completed the course."],
        ["Chase the remaining managers through directorate management teams."],
    ),
    (
        "Review the recruitment process to remove barriers for applicants with protected characteristics.",
        ["Job adverts rewritten in plain English; anonymised shortlisting piloted in Finance."],
        ["Extend anonymised shortlisting to all directorates if the pilot is successful."],
    ),
    (
        "Achieve Disability Confident Leader status.",
        ["Self-assessment completed and submitted for external validation."],
        ["Validation visit expected in the new year."],
    ),
]

SERVICES: list[ActionWords] = [
    (
        "Complete equality impact assessments for all budget proposals before they go to Cabinet.",
        [
            "All 27 savings proposals for 2024/25 had an assessment published with the Cabinet papers."
        ],
        ["Add a cumulative impact summary to the February budget report."],
    ),
    (
        "Make the council’s website meet the WCAG 2.2 AA accessibility standard.",
        [
            "Accessibility audit found 112 issues; 96 have been fixed.",
            NestedItem(
                "Remaining work:",
                [
                    "PDF forms to be replaced by online forms.",
                    "Captions added to council meeting videos.",
                ],
            ),
        ],
        ["Publish an updated accessibility statement."],
    ),
    (
        "Provide British Sign Language interpretation for face-to-face appointments on request.",
        ["Contract with a local BSL provider in place; 46 appointments supported this year."],
        [],
    ),
    (
        "Collect equality monitoring data in all customer satisfaction surveys.",
        ["Standard monitoring questions added to 9 of 14 service surveys."],
        ["Agree a common question set with Adult Social Care."],
    ),
    (
        "Improve access to housing advice for residents whose first language is not English.",
        ["Translated advice leaflets produced in Polish, Romanian, Urdu and Arabic."],
        ["Test the leaflets with the Refugee and Migrant Forum."],
    ),
    (
        "Ensure our Changing Places toilets are well publicised and maintained.",
        ["Two Changing Places toilets opened, at the leisure centre and the market hall."],
        ["Add both sites to the national Changing Places map."],
    ),
]

COMMUNITY: list[ActionWords] = [
    (
        "Work with partners to increase reporting of hate crime.",
        [
            "Third-party reporting centres set up in 8 community venues.",
            NestedItem(
                "Reports received by type:",
                [
                    "Race: 64",
                    "Sexual orientation: 18",
                    NestedItem("Disability: 11", ["of which online: 4"]),
                ],
            ),
        ],
        ["Train volunteers at the new reporting centres."],
    ),
    (
        "Hold an annual equality and diversity event with the voluntary and community sector.",
        ["“Celebrating Our Communities” held in June with 31 groups taking part."],
        [],
    ),
    (
        "Publish a borough equality profile using Census 2021 data.",
        ["Profile published on the website with ward-level summaries."],
        ["Refresh the profile when the 2023 mid-year estimates are released."],
    ),
    (
        "Support the Armed Forces Covenant in council services.",
        ["Covenant signed; Armed Forces champion appointed in Housing."],
        ["Apply for the Employer Recognition Scheme silver award."],
    ),
    (
        "Reduce digital exclusion among older and disabled residents.",
        ["Digital buddies sessions run weekly in four libraries; 380 residents helped."],
        ["Seek funding to lend data-enabled tablets."],
    ),
    (
        "Consult under-represented groups on the new Local Plan.",
        ["Easy Read consultation document produced; sessions held with the Youth Council."],
        ["Report who responded, by protected characteristic, to the Planning Committee."],
    ),
]

OTHER: list[ActionWords] = [
    (
        "Embed the socio-economic duty in our decision making.",
        ["Socio-economic disadvantage added to the impact assessment template."],
        ["Run briefing sessions for report authors."],
    ),
    (
        "Work with schools to reduce exclusions of Black Caribbean pupils.",
        ["Exclusions data shared with headteachers; two schools piloting restorative approaches."],
        [],
    ),
    (
        "Increase the diversity of applicants to our apprenticeships.",
        ["Apprenticeship fair held at the mosque and the Caribbean Centre; applications up 40%."],
        ["Set targets for the 2024 intake."],
    ),
    (
        "Carry out an accessibility audit of council buildings open to the public.",
        ["Audits completed for 12 of 15 buildings; hearing loops fitted at both receptions."],
        ["Audit the remaining three buildings."],
    ),
    (
        "Improve take-up of Blue Badges by people with hidden disabilities.",
        [
            "Online application simplified; applications from people with hidden disabilities rose by 22%."
        ],
        [],
    ),
    (
        "Publish our equality information and objectives by 31 January each year.",
        ["Equality information for 2023 published on time."],
        ["Begin the review of the objectives for 2025–2029."],
    ),
]

LEADS = [
    "Head of HR",
    "Director of Corporate Services",
    "Equality and Diversity Officer",
    "Head of Customer Services",
    "Head of Housing Needs",
    "Community Safety Manager",
    "Head of Communications",
    "Policy and Partnerships Manager",
    "Head of Planning",
    "Learning and Development Manager",
]
DUES = [
    "March 2024",
    "December 2023",
    "Ongoing",
    "September 2024",
    "Annually",
    "June 2024",
    "31 January 2024",
    "April 2025",
]
