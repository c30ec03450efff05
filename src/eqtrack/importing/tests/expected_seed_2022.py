"""What the 2022 seed report says, action by action, checked by hand against
sample_data/equalities-actions-update-2022.txt. Status is (text, category) or None."""

THEMES = [
    {
        "title": "As a Community Leader",
        "objective": "To lead by example, to ensure every individual resident is connected and "
        "supported.",
        "actions": [
            {
                "text": "We will work with the Heart of Kent Hospice, Kent County Council, local "
                "businesses, community and faith groups to achieve Compassionate Borough "
                "Status.",
                "progress": [
                    "Work was paused due to HoK’s responsibilities to patients during pandemic.",
                    "Officers from Policy, Communities and Engagement team and "
                    "Communication and Marketing team have continued to support HoK on "
                    "establishing a way forward but no concrete plans have come forward to "
                    "date",
                    "The Compassion Maidstone Awards which MBC delivers with HoK and other "
                    "partners took place for as third year in November 2022.",
                    "Should the Compassion Borough Status project be taken forward by HoK "
                    "in the future, it will be supported by the same teams and an update "
                    "would be included in a future action plan in support of the delivery "
                    "of this objective.",
                ],
                "next_steps": [],
                "status": ("Incomplete/cannot be carried forward", "not_carried_forward"),
            },
            {
                "text": "We will take an evidence-based approach to leading recovery in Maidstone "
                "including a specific work stream on communities.",
                "progress": [
                    "The data analytics team have 9 completed dashboards as part of its "
                    "support for recovery and renewal projects with a further four under "
                    "review and another 7 under development.",
                    "The team remain on target to achieve 18 by summer 2023.",
                    "The team have improved the information published on the website, with "
                    "dashboards accessible here.",
                ],
                "next_steps": [],
                "status": ("Complete/on schedule to deliver", "complete"),
            },
            {
                "text": "We will seek to build on the relationships we have developed with our "
                "communities as a result of the recent pandemic. We will communicate, "
                "engage with, and disseminate information to support and engage our wider "
                "communities including through the local Parish Councils and voluntary "
                "groups.",
                "progress": [
                    "Repository of Community Groups been developed and is currently being "
                    "made publicly available via website with the provision for new groups "
                    "to sign up in place.",
                    "Monthly newsletters produced and sent to Parishes and Ward Councillors.",
                    "Inboxes and single point of contact set up for Parishes and Community Groups.",
                    "A new inbox was set up in response to the Ukraine crisis management "
                    "by the Policy, Community and Engagement team as well as support pages "
                    "on the website",
                    "Proactive engagement was undertaken with VCS groups regarding the "
                    "Ukraine and support provided.",
                    "Community pages developed to include support, cost of living "
                    "information, volunteering, funding etc",
                    "20 organisations were funded from the 1st phase of the Community "
                    "Resilience Fund amounting to £58, 429.00. The funding will support a "
                    "wide variety of activities from a diverse group of organisations "
                    "including, Hi Kent, Maidstone Street Pastors, Fusion healthy living "
                    "and Rubicon Cares. Organisations will be able to continue to provide "
                    "or increase their ability to meet demand by providing activities and "
                    "support ranging from counselling sessions and mental health support "
                    "to outdoor activities to support wellbeing.",
                    "The 2nd phase of the Community Resilience Fund is due to be launched "
                    "in November 2022.",
                    "In partnership with Funding for All, the Council is hosting a "
                    "‘Volunteering & Funding Advice Event’ on 30 November at Trinity "
                    "House. This event is for volunteers and Voluntary, Community and "
                    "Social Enterprises (VCSEs) supporting people in the borough of "
                    "Maidstone. It will offer funding support and explore opportunities "
                    "for volunteer engagement. Training will be delivered on volunteering "
                    "and diversifying funding sources. There will be opportunities to meet "
                    "funders and have 1:1s with funding advisors. There will also be a "
                    "marketplace where groups can connect with and seek support from a "
                    "range of VCSEs and support organisations. It is hoped that this will "
                    "be the first of a series of events, developed with the sector to "
                    "respond to its need.",
                    "MBC represented on Informal District Council VCS Forum established in "
                    "November 2021. MBC Consultation team supporting team on district "
                    "mapping exercise of local forums and bodies to understand the offer "
                    "across Kent. The terms of reference for the formalised group have now "
                    "been formalised and MBC will be represented by the Insight, "
                    "Communities and Governance Manager.",
                ],
                "next_steps": [],
                "status": ("Ongoing/remain included in action plan", "ongoing"),
            },
            {
                "text": "We will undertake a review of consultation and engagement activities to "
                "ensure that they maximise resident participation and are representative of "
                "Maidstone’s demographic.",
                "progress": [
                    "Engagement activities have been limited due to the pandemic.",
                    "Opportunities have been maximised through joined up working between "
                    "the Consultation and Comms and Marketing teams.",
                    "Social Media, Posters, Leaflets and the use of QR codes have been "
                    "maximised to reach a wider audience.",
                    "Under 35 age group identified as a group where engagement is low.",
                    "New Consultation and engagement software is trialled, offering more "
                    "varied and accessible opportunities to maximise participation.",
                    "Equalities Officer Group will be utilised to identify gaps and "
                    "maximise opportunities and identify areas of focus.",
                ],
                "next_steps": [],
                "status": ("Ongoing/remain included in action plan", "ongoing"),
            },
            {
                "text": "We will appoint an internal Equalities Group to lead and provide join-up "
                "across Council services.",
                "progress": ["Equalities Officer Group formed and meets on a quarterly basis."],
                "next_steps": [],
                "status": None,
            },
            {
                "text": "We will support and promote diversity and inclusion in the borough through "
                "our communications and events – with a focus on our seldom-heard "
                "communities.",
                "progress": [
                    {
                        "text": "The Communication team have focused promotion and support "
                        "across all groups:",
                        "items": [
                            "World Menopause Day - October",
                            "Macmillan Big Coffee Morning - September",
                            "MBC Website accessibility",
                            "Sexual Orientation",
                            "LGBT - June",
                            "Black History Month - October",
                            "Lunar New Year - February",
                            "Ukrainian Refugee Support",
                            "Domestic Violence against Women and Girls - Safer Streets",
                            "White Ribbon Stand Up against Domestic Violence",
                            "Rising Cost of Living Support Events",
                            "Compassionate Community Awards - October",
                            "The Knife Angel – September",
                            "Timescales demanded by members for the Archaeology Gallery "
                            "project did not allow for regular public engagement and so "
                            "no panel has been convened. It is hoped that we will still "
                            "be able to consult on ideas and designs, but this will "
                            "inevitably be on an ad hoc basis.",
                        ],
                    },
                    "The communications team works in partnership with the Consultation "
                    "team on new consultation to ensure they are promoted and responses "
                    "monitored so targeted work can be undertaken.",
                ],
                "next_steps": [],
                "status": ("Ongoing/remain included in action plan", "ongoing"),
            },
            {
                "text": "We will audit and appraise historical assets within the borough of "
                "Maidstone.",
                "progress": [
                    "Museum collections was appraised and work undertaken with donors to "
                    "understand the links to the past. There are no connections with slave "
                    "owning families.",
                    "It was identified that the Museum’s world collection does not include "
                    "‘lived experience’. Work will be undertaken with communities to "
                    "reflect this.",
                    "A Community Panel in place to advise on exhibitions from the "
                    "perspective of minority groups in place",
                ],
                "next_steps": [],
                "status": None,
            },
            {
                "text": "We will support our serving and veteran communities through our commitment "
                "to the Armed Forces Covenant with training/guidance provided to staff "
                "across all services.",
                "progress": [
                    "Armed Forces Member Champion appointed for 2022",
                    "Proactive engagement with local Armed Forces community undertaken to "
                    "promote employment vacancies at MBC",
                    "Local Armed Forces contacts are included as part of VCS Repository to "
                    "ensure important information and support is reaching this community "
                    "such as cost of living website pages.",
                ],
                "next_steps": [],
                "status": ("Ongoing/remain included in action plan", "ongoing"),
            },
        ],
    },
    {
        "title": "As an Employer",
        "objective": "To lead a diverse and inclusive workforce that is reflective of the borough of "
        "Maidstone where residents and colleagues feel safe, confident, and empowered to "
        "challenge and bring about change.",
        "actions": [
            {
                "text": "We will undertake a regular Staff Survey so that the organisation can "
                "identify where it needs to change and adapt.",
                "progress": [
                    "Staff Survey undertaken and repeated every 2 years",
                    "Staff Engagement Group in place",
                    "Potential for future EDI survey to inform what EDI training is needed",
                ],
                "next_steps": [],
                "status": None,
            },
            {
                "text": "We will undertake a self-assessment as an Inclusive Employer.",
                "progress": [
                    "External schemes have been reviewed by HR and Policy teams.",
                    "This has not been taken forward.",
                    "Other programmes of work have taken priority and may lead to an "
                    "alternative approach such as the Culture Change project.",
                    "Alternative programmes of work have taken priority and may lead to an "
                    "alternative approach such as the Culture Change project",
                ],
                "next_steps": [],
                "status": (
                    "To be picked new action plan as action relating to Culture Change project",
                    "superseded",
                ),
            },
            {
                "text": "We will look after the mental health of our staff and recognise when this "
                "offer needs to change.",
                "progress": [
                    "There are currently 14 Mental Health fist aiders.",
                    "Minimal use of Mental Health First Aiders by staff being recorded.",
                    "There is more training planned to equip staff dealing with customer’s "
                    "Mental Health (MH) rather than inhouse issues.",
                    {
                        "text": "Additionally, Wellbeing week takes place on annual basis for "
                        "all staff. Mental Health webinars run by Employee Assistance "
                        "programme Care First. These include:",
                        "items": ["MH -Kindness", "MH -Awareness", "Men’s health", "Menopause"],
                    },
                    "Online assistance also remains in place",
                ],
                "next_steps": [],
                "status": ("Ongoing/remain included in action plan", "ongoing"),
            },
            {
                "text": "We will provide training and support to staff so they can recognise and "
                "manage unacceptable behaviours.",
                "progress": [
                    "A HR Team Talk ‘A respectful workplace for all’ was delivered by Managers.",
                    "Budget is available for EDI Training.",
                    "Also available Learning disability training and Equality in the workplace",
                    "All staff are currently required to complete Equalities Act 2010 learning.",
                    "The EDI Officer group considered training needs as part of its "
                    "development of the new Action Plan",
                    "EDI officer group has recommended areas of focus for training and "
                    "development as part of the Equalities Action plan.",
                ],
                "next_steps": [],
                "status": (
                    "Ongoing/training included in new action plan with focus on cultural "
                    "competencies and champion roles",
                    "ongoing",
                ),
            },
            {
                "text": "We will enable staff to understand and respond to the mental health needs "
                "of residents, particularly after challenging life events.",
                "progress": [
                    {
                        "text": "Two courses are run for customer facing staff to deal with "
                        "MH issues",
                        "items": ["Mental Health run by MIND", "Mental Capacity Act"],
                    }
                ],
                "next_steps": [],
                "status": ("Focus on training included in new action plan", "ongoing"),
            },
        ],
    },
    {
        "title": "As a Service Provider",
        "objective": "To deliver inclusive services in accordance with Council’s values.",
        "actions": [
            {
                "text": "We will review and identify our policies where we consider Equalities "
                "impacts and identify how we can improve outcomes through revisions to "
                "policy.",
                "progress": [
                    "All Council Strategies and Policies have been mapped and those with "
                    "equalities impacts identified.",
                    "To proactively work with service areas as polices are due for review "
                    "to ensure Equalities Impacts have been considered.",
                ],
                "next_steps": [],
                "status": ("Ongoing – to pick up in new action plan", "ongoing"),
            },
            {
                "text": "We will appoint an Equalities Group to lead and provide join-up across "
                "Council services.",
                "progress": [
                    "The Equalities Officer Group meets on a quarterly basis. It has been "
                    "renamed to the EDI Officer group to reflect its wider remit. "
                    "Primarily it is responsible for managing the Equalities Action Plan.",
                    "The Group’s membership was extended to include a wider group. It now "
                    "has membership from HR Learning and Development, Housing, Museums, "
                    "Communication and Engagement, Democratic Services and Elections, "
                    "Mayoralty, Revenues and Benefits (Welfare team) and Policy, "
                    "Communities and Engagement. The group have been able to share their "
                    "extensive learning and experience in terms of service needs and "
                    "provide valuable insight to identify where barriers or gaps are "
                    "negatively impacting particular groups.",
                    "It has developed the actions to deliver the Council’s Equalities "
                    "Objectives for 2022 onwards",
                ],
                "next_steps": [],
                "status": ("To continue to monitor and lead the equalities action plan", "ongoing"),
            },
            {
                "text": "We will work with the community through consultation processes, increasing "
                "our offer of focus group and participatory methods to increase engagement "
                "with seldom-heard groups.",
                "progress": [
                    "‘Let’s Talk Maidstone’ (an online consultation and engagement "
                    "platform was rolled out in July 2022, launching the Resident Survey.",
                    "The platform allows residents to engage in different ways such as "
                    "quick polls or providing qualitative information via ‘stories’ and "
                    "comment tools. Background information can be included on the "
                    "‘project’ page such as FAQs which help inform visitors to the "
                    "platform on the purpose of the consultation.",
                    "The Resident survey closed at the end of September. A total of 5027 "
                    "people responded to the questionnaire, of which 3584 provided age and "
                    "gender allowing these responses to be weighted in line with the "
                    "population of Maidstone.",
                    {
                        "text": "Since its launch in July the platform has been used to "
                        "deliver the following Consolation and Engagement activities:",
                        "items": [
                            "Operation Broc",
                            "Mote Park Arts",
                            "Scarecrow Festival",
                            "Marden Task Force",
                            "Waste and Recycling",
                            "Community Governance Review",
                            "Budget Survey",
                            "Community Wi-Fi",
                        ],
                    },
                    "Two engagement ‘hubs’ have been developed on the platform – 1 for "
                    "Economic Development and 1 for Planning. Economic Development are "
                    "utilising ‘Let’s Talk Maidstone’ to help develop an upcoming "
                    "Innovation Centre Research and Development event with the Business "
                    "Community.",
                    "A Planning Hub has been launched for the ‘Sustainability and Design "
                    "Mapping exercise’. This seeks to find out resident views on features "
                    "and characteristics of the borough.",
                    "We continue to develop this offer which supports services across the Council.",
                ],
                "next_steps": [],
                "status": ("Ongoing – included in new action plan", "ongoing"),
            },
            {
                "text": "We will work collaboratively with the Museum and its programme of events "
                "to promote diversity and inclusion and strengthen ties to seldom-heard "
                "communities.",
                "progress": [
                    "Community Panel Established",
                    "The museum continues to be committed to addressing EDI in its work "
                    "and the new gallery will be designed with the assistance of "
                    "individuals with as many kinds of lived experience as possible.",
                ],
                "next_steps": [],
                "status": None,
            },
            {
                "text": "We will undertake a Councillor-led Access to Services Review which will "
                "assess: Digital Inclusion and website accessibility, Enabling "
                "communication, Our buildings.",
                "progress": [
                    "Members completed a series of meetings gathering evidence from "
                    "internal officers as well as external organisation. Due to the "
                    "limitations of the pandemic the review focused mainly on Digital "
                    "Inclusion and accessibility.",
                    "Actionable recommendations were made at the conclusion of each "
                    "session primarily to support digital accessibility and were picked up "
                    "by the Digital Strategy workstreams.",
                    "A review of the Community Group Repository was also completed. The "
                    "repository was developed extensively, and a proactive approach was "
                    "taken to mapping groups in the Voluntary Community Sector supporting "
                    "Maidstone residents. This repository now also includes many Faith "
                    "Groups and Places of Worship.",
                    "The repository is currently being developed for public access on the "
                    "Council’s Community webpages",
                ],
                "next_steps": [],
                "status": (
                    "A watching brief to be maintained and issues reported to the Policy, "
                    "Communities and Engagement team -",
                    "watching_brief",
                ),
            },
            {
                "text": "We will work in partnership to deliver the Rough Sleeping initiative "
                "delivery plan to provide mental health outreach.",
                "progress": [
                    "The team has been in situ since September 2020. Approximately 360 "
                    "clients have been supported/are still being supported by the "
                    "initiative.",
                    "Housing will continue to work in partnership with KMPT, to provide "
                    "mental health support to rough sleepers, and those at risk of rough "
                    "sleeping. It has funding until March 2023 and it is hoped that this "
                    "service will receives mainstream funding from April 2023 from the "
                    "CCG, to continue the work across West Kent.",
                ],
                "next_steps": [],
                "status": None,
            },
            {
                "text": "We will review the Equalities Impact Assessment processes.",
                "progress": [
                    "The Armed Forces Covenant was a voluntary statement of mutual support "
                    "between a civilian community and its local Armed Forces Community, "
                    "intended to complement at a local level. Maidstone signed the "
                    "Covenant in 2012. In 2018 it was recognised that the work being done "
                    "with the Armed Forces community in Maidstone should be included in "
                    "the Equalities Action Plan.",
                    "Changes to the EqIA were originally proposed in 2019/20 to reflect "
                    "forthcoming legislative changes to responsibilities in Armed Forces "
                    "Bill 2021-22. However, the bill was delayed.",
                    "Training and guidance were provided to Armed Forces Champions in "
                    "November 2022.",
                    "It is proposed that this legislative changes i.e. the Armed Forces "
                    "Covenant being enshrined in law should be reflected and noted in the "
                    "EDI Policy.",
                    "Additionally, the cost-of-living crisis is likely to have a more "
                    "significant impact on some groups of people in Maidstone than others. "
                    "This is likely to include people who share protected characteristics "
                    "under the Equality Act, including women, disabled people, people from "
                    "certain ethnic minority backgrounds, and both older and younger "
                    "people. People with caring responsibilities are also likely to be "
                    "disproportionately impacted as their income tends to be lower than "
                    "the population as a whole.",
                    "It is proposed that this be addressed by introducing a local "
                    "protected characteristic as part of the EqIA process - ‘Poverty’.",
                    "The reference to the Armed Forces Act should be included as a light "
                    "touch change to the existing policy.",
                    "Poverty should be included as a local protected characteristic to "
                    "ensure no resident is left behind as part of decision making and that "
                    "vulnerable residents are not adversely affected",
                ],
                "next_steps": [],
                "status": None,
            },
            {
                "text": "We will develop processes to ensure Social Value is a core consideration "
                "of our decision making.",
                "progress": [
                    {
                        "text": "The Procurement Strategy and processes are being revised to "
                        "include Social Value. A proposal was taken to WLT in "
                        "November 2022. Subject to approval, Public Services (Social "
                        "Value) Act 2012 – Social Value will form part of the "
                        "procurement evaluation. As part of that process the "
                        "following will be considered:",
                        "items": [
                            "how what is proposed to be procured might improve the "
                            "economic, social and environmental well-being of the "
                            "relevant area, and",
                            "how, in conducting the process of procurement, it might "
                            "act with a view to securing that improvement.",
                        ],
                    },
                    {
                        "text": "In practice this will involve the tender process introducing",
                        "items": [
                            "around 10% of the contract evaluation to be assessed "
                            "against social values."
                        ],
                    },
                ],
                "next_steps": [],
                "status": None,
            },
        ],
    },
]
