"""What the 2021 seed report says, action by action, checked by hand against
sample_data/equalities-actions-update-2021.txt. Status is (text, category) or None."""

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
                    "Report taken and agreed by Committee (January 2020).",
                    "Compassionate Maidstone Awards (Communication and Marketing team) "
                    "delivered jointly by MBC and HoK – October 2020 and October 2021.",
                    "Officers from Policy, Communities and Engagement team and "
                    "Communication and Marketing team began work with HoK on an agreed "
                    "action plan to achieve Compassionate Borough Status.",
                    "Communication and Marketing team have designed all the marketing "
                    "materials including webpage.",
                ],
                "next_steps": [
                    "Work paused due to HoK’s responsibilities to patients during pandemic.",
                    "Officers from Policy, Communities and Engagement team and "
                    "Communication and Marketing team resumed work with HoK. Event "
                    "planned for 2022.",
                ],
                "status": None,
            },
            {
                "text": "We will take an evidence-based approach to leading recovery in Maidstone "
                "including a specific work stream on communities.",
                "progress": [
                    "Resident COVID-19 Recovery Survey was open from July to October 2020. "
                    "It had 1453 responses.",
                    "The results to this consultation have informed the Council’s recovery "
                    "work. The Recovery and Renewal Strategy has been developed and agreed "
                    "by Committee. This includes a Communities workstream.",
                    {
                        "text": "Data insight work undertaken by the Information and "
                        "Analytics team has included:",
                        "items": [
                            "Creation of dashboards to monitor service demand vs staff "
                            "absence during COVID-19.",
                            "Dashboard created to monitor activity in Community hub and "
                            "understand location of clinically extremely vulnerable "
                            "residents.",
                            "Data reports produced for organisation focused on economy "
                            "(unemployment rates, vacant retail premises and footfall "
                            "in Town Centre) and Communities (employment, benefits, "
                            "Council Tax and Housing demand).",
                        ],
                    },
                ],
                "next_steps": [],
                "status": None,
            },
            {
                "text": "We will seek to build on the relationships we have developed with our "
                "communities as a result of the recent pandemic. We will communicate, "
                "engage with, and disseminate information to support and engage our wider "
                "communities including through the local Parish Councils and voluntary "
                "groups.",
                "progress": [
                    "Repository of Community Groups been developed.",
                    "To be updated on a quarterly basis in conjunction with Involve (Kent).",
                    "Monthly newsletters produced and sent to Parishes and Ward Councillors.",
                    "Inboxes and single point of contact set up for Parishes and Community Groups.",
                    "Community pages on website under development.",
                    "Direct consultation undertaken with Community Groups Quarterly Parish "
                    "Liaison meetings held.",
                    "Joint MBC/Involve Community and Volunteering event held online for "
                    "Community Groups in July 2021.",
                    "A Community Compact has been developed setting out how organisations "
                    "will work together for the benefit of the Community.",
                ],
                "next_steps": [],
                "status": None,
            },
            {
                "text": "We will undertake a review of consultation and engagement activities to "
                "ensure that they maximise resident participation and are representative of "
                "Maidstone’s demographic.",
                "progress": [
                    "Full demographic analysis is produced for the majority of public "
                    "consultation. This, alongside the borough profile provides an "
                    "understanding of the makeup of our residents and businesses and areas "
                    "where response rates are unrepresentative."
                ],
                "next_steps": [
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
                "status": None,
            },
            {
                "text": "We will appoint an internal Equalities Group to lead and provide join-up "
                "across Council services.",
                "progress": [
                    "Equalities Officer Group formed and meets on a quarterly basis. The "
                    "group includes representatives from HR, Museums/Leisure Services, "
                    "Communications, Civic Services/Mayoralty and Policy/Communities.",
                    "The group have identified a number of useful shared resources. A team "
                    "site has been created for shared resources which includes an annual "
                    "diversity calendar which details events from across the Council to "
                    "create a coordinated approach and support the promotion of diversity "
                    "and inclusion in the borough.",
                ],
                "next_steps": [
                    "Group includes key services areas.",
                    "Opportunities for focus have been limited during the pandemic.",
                ],
                "status": None,
            },
            {
                "text": "We will support and promote diversity and inclusion in the borough through "
                "our communications and events – with a focus on our seldom-heard "
                "communities.",
                "progress": [
                    "The Policy, Communities and Engagement team and Communications team "
                    "meet on a monthly basis to plan, monitor and review Public "
                    "Consultation and wider Equalities Officer Group formed.",
                    "Creation of a Community Panel at Museum.",
                ],
                "next_steps": [
                    "Opportunity for public, face to face engagement has been limited "
                    "during the pandemic."
                ],
                "status": None,
            },
            {
                "text": "We will audit and appraise historical assets within the borough of "
                "Maidstone.",
                "progress": [
                    "Museum collections have been appraised and work undertaken with "
                    "donors to understand the links to the past. There are no connections "
                    "with slave owning families.",
                    "It has been identified that the Museum’s world collection does not "
                    "currently include ‘lived experience’. Work will be undertaken with "
                    "communities to reflect this.",
                    "A Community Panel to support to advise on exhibitions from the "
                    "perspective of minority groups is under development.",
                ],
                "next_steps": [],
                "status": None,
            },
            {
                "text": "We will support our serving and veteran communities through our commitment "
                "to the Armed Forces Covenant with training/guidance provided to staff "
                "across all services.",
                "progress": [
                    "Armed Forces Member Champions appointed for 2021/22 – Councillor "
                    "Purle and Councillor Munford.",
                    "Training scheduled for Autumn 2021 for Armed Forces Champions and "
                    "Mayor by the Kent County Council Civilian-Military Liaison Adviser "
                    "and Military Expert to strengthen understanding and create "
                    "resilience.",
                ],
                "next_steps": [
                    "Armed Forces Bill 2021 will strengthen the legislative basis of the "
                    "Armed Forces Covenant to help ensure that those who serve, or have "
                    "served, and their families are treated with fairness and respect in "
                    "the communities they serve. The Council’s Armed Forces Officer "
                    "Champion will work with services to ensure update training and "
                    "guidance is provided as the Bill progresses.",
                    "This will include changes to the EqIA process.",
                ],
                "status": None,
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
                    "Staff Survey was completed in January/February 2020 and will be "
                    "repeated every two years. There were 356 respondents to the last "
                    "survey.",
                    {
                        "text": "Additionally, in the past year, the Policy, Communities and "
                        "Engagement team have run the following surveys:",
                        "items": [
                            "Staff work location, August 2020. Assessment of working "
                            "from home during the pandemic to inform working from home "
                            "policies. This had a 77% response rate.",
                            "COVID staff wellbeing. The survey was run twice. In April "
                            "2020 with 242 responses and in May/June 2021 it was "
                            "repeated with 297 responses.",
                        ],
                    },
                ],
                "next_steps": [],
                "status": None,
            },
            {
                "text": "We will undertake a self-assessment as an Inclusive Employer.",
                "progress": ["External schemes have been reviewed by HR and Policy teams."],
                "next_steps": [
                    "An options report will be prepared for Corporate Leadership Team to "
                    "consider in the best choice for the organisation."
                ],
                "status": None,
            },
            {
                "text": "We will look after the mental health of our staff and recognise when this "
                "offer needs to change.",
                "progress": [
                    "20 Mental Health First Aiders (MHFA) have been trained in teams "
                    "across the Council. MHFA are provided with annual training and "
                    "support.",
                    "The Employee Assistance Programme is a free service available to all "
                    "staff. Details can be accessed via the Intranet.",
                    "18-month programme of bite sized Health and Wellbeing courses and "
                    "events have been developed and delivered online by HR to support "
                    "staff during the pandemic.",
                    "Annual well-being week activities adapted to reflect current need and "
                    "delivered online.",
                ],
                "next_steps": [],
                "status": None,
            },
            {
                "text": "We will provide training and support to staff so they can recognise and "
                "manage unacceptable behaviours.",
                "progress": [
                    "A HR Team Talk 'A respectful workplace for all' was delivered by Managers."
                ],
                "next_steps": [
                    "Equalities, Diversity and Inclusion training to be developed to "
                    "reflect the needs of the organisation. Timetabled for 2021/22."
                ],
                "status": None,
            },
            {
                "text": "We will enable staff to understand and respond to the mental health needs "
                "of residents, particularly after challenging life events.",
                "progress": [],
                "next_steps": [
                    "Training delayed due to pandemic. Heart of Kent Hospice, "
                    "Compassionate Neighbours Training to be delivered as part of "
                    "Compassionate Borough Status."
                ],
                "status": None,
            },
        ],
    },
    {
        "title": "As a Service Provider",
        "objective": "To deliver inclusive services in accordance with Council's values.",
        "actions": [
            {
                "text": "We will review and identify our policies where we consider Equalities "
                "impacts and identify how we can improve outcomes through revisions to "
                "policy.",
                "progress": [
                    "All Council Strategies and Policies have been mapped and those with "
                    "equalities impacts identified.",
                    "The Policy, Communities and Engagement team will continue to work "
                    "with officers across the Council, providing support and guidance "
                    "through the development of Equalities Impact Assessments and devising "
                    "consultation exercises that provide an evidence base to underpin "
                    "policy development.",
                ],
                "next_steps": [],
                "status": None,
            },
            {
                "text": "We will appoint an Equalities Group to lead and provide join-up across "
                "Council services.",
                "progress": [
                    "Equalities Group meets on a quarterly basis. The group includes "
                    "representatives from HR, Museums/Leisure Services, Communications, "
                    "Civic Services/Mayoralty and Policy/Communities.",
                    "The group have identified a number of useful shared resources. A team "
                    "site has been created for shared resources which includes an annual "
                    "diversity calendar that details events from across the Council to "
                    "create a coordinated approach and support the promotion of diversity "
                    "and inclusion in the borough.",
                ],
                "next_steps": [
                    "Group includes key services areas.",
                    "Opportunities for focus have been limited during the pandemic.",
                ],
                "status": None,
            },
            {
                "text": "We will work with the community through consultation processes, increasing "
                "our offer of focus group and participatory methods to increase engagement "
                "with seldom-heard groups.",
                "progress": [
                    "24 consultations completed for 2020/21, 14 of which were public – "
                    "resident/stakeholder.",
                    "15 consultation have been completed or are underway so far in 2021/22.",
                ],
                "next_steps": [
                    "The pandemic has limited face to face participation.",
                    "Policy, Communities and Engagement team exploring new methods for "
                    "engagement including more accessible Consultation and Engagement "
                    "software, the use of Community panels and through work with "
                    "Community Groups.",
                ],
                "status": None,
            },
            {
                "text": "We will work collaboratively with the Museum and its programme of events "
                "to promote diversity and inclusion and strengthen ties to seldom-heard "
                "communities.",
                "progress": [
                    "Museums Director is a lead officer on the Equalities Officer Group "
                    "which is facilitating join up between Consultation, Communication and "
                    "the Museum.",
                    "Museums Director briefed group on progress of Community Panel.",
                ],
                "next_steps": [
                    "Opportunities for collaborative work has not been possible but "
                    "structure in place to facilitate this going forward."
                ],
                "status": None,
            },
            {
                "text": "We will undertake a Councillor-led Access to Services Review which will "
                "assess: Digital Inclusion and website accessibility, Enabling "
                "communication, Our buildings",
                "progress": [
                    "Members have held 6 meetings.",
                    "Review at a learning and evidence gathering stage.",
                    "Meetings have included panels of internal officers as well as "
                    "external organisation.",
                    "The review is at a learning and evidence gathering stage, however a "
                    "number of recommendations have already been made to support digital "
                    "accessibility via the Council's website and vulnerable groups "
                    "affected by digital inclusion. These included recommendations to "
                    "support Councillors' understanding and use of digital services, a "
                    "digital process on the website for users to report issues or seek "
                    "assistance and advice with online accessibility, a review of the "
                    "Community Group Repository provided by Involve and an agreed process "
                    "to review and maintain the repository on quarterly basis to ensure it "
                    "is fit for purpose and a commitment by the group to support Digital "
                    "Inclusion as workstreams develop in this area. This includes the "
                    "reuse of ICT equipment to support the digitally excluded.",
                    "An interim update report was taken to CHE Committee in April 2021 to "
                    "inform the Committee on the panel's undertakings and emerging "
                    "recommendations.",
                ],
                "next_steps": [],
                "status": None,
            },
            {
                "text": "We will work in partnership to deliver the Rough Sleeping initiative "
                "delivery plan to provide mental health outreach.",
                "progress": [
                    "The team has been in situ since September 2020 and will be looking to "
                    "extend until March 2022.",
                    "Approximately 360 clients have been supported/are still being "
                    "supported by the initiative.",
                ],
                "next_steps": [],
                "status": None,
            },
            {
                "text": "We will review Equalities Impact Assessment processes.",
                "progress": [],
                "next_steps": [
                    "Equalities Impact Assessment process will be revised to reflect "
                    "forthcoming legislative changes to responsibilities in Armed Forces "
                    "Bill 2021."
                ],
                "status": None,
            },
            {
                "text": "We will develop processes to ensure Social Value is a core consideration "
                "of our decision making.",
                "progress": [],
                "next_steps": [
                    "The Procurement Strategy and processes are being revised to include "
                    "Social Value. This work is scheduled to be completed by March "
                    "2022."
                ],
                "status": None,
            },
        ],
    },
]
