/**
 * The English demo engagement: "Alder & Finch CRM programme", a fictional UK
 * maker of kitchen appliances (340 retail partners, a web shop, 60 field
 * service engineers, a 25-seat service centre in Leeds) taken through all
 * eight phases, every phase signed, two post-launch review periods. The facts
 * (people, dates, groups, stages) are fixed in the project's world notes so
 * that the professional-content parts agree with them.
 *
 * Numbers agree with each other: adoption never exceeds the licences or the
 * group sizes, KPI actuals move from baseline toward target, the budget lines
 * add up to the total quoted in the answers, the UAT pass rate is the share of
 * runs that passed, and every date is in the order the method runs.
 */
import type { Engagement } from "../seed-engagement.ts";

export const ALDER_FINCH_FIRM = "Harbourline Consulting";

const ELLIS = "Margaret Ellis";
const OSEI = "Daniel Osei";
const RAMAN = "Priya Raman";
const BECKER = "Tom Becker";
const COLE = "Hannah Cole";
const WHITFIELD = "James Whitfield";

const done = (owner: string, dueDate: string, evidence: string) => ({ owner, dueDate, status: "done", evidence });

/** Budget lines (GBP); the answers quote their total. */
const BUDGET: Array<[string, number, string]> = [
  ["CRM software subscriptions (year 1, 110 users)", 118_000, "All amounts in pounds sterling (GBP). Service, field-service and partner-portal licences; annual billing."],
  ["Implementation partner (configuration and integration)", 164_000, "Fixed price for Stage 1, time and materials for Stage 2 integration."],
  ["Harbourline Consulting (method, change and review)", 72_000, "Strategy workshops, change management, post-launch review."],
  ["Data migration and cleansing", 38_000, "Deduplication tool, temporary data clerks for six weeks."],
  ["Training and internal communication", 29_000, "Trainer days, handbooks, video guides, launch events."],
  ["Mobile devices for field engineers", 41_000, "60 rugged tablets with three-year warranty."],
  ["Contingency (about 4%)", 18_000, "Released only by the executive sponsor."],
];
export const ALDER_FINCH_BUDGET_TOTAL = BUDGET.reduce((s, [, n]) => s + n, 0); // 480,000

export const ALDER_FINCH: Engagement = {
  project: {
    name: "Alder & Finch CRM programme",
    clientOrganisation: "Alder & Finch Appliances Ltd",
    deliverableLanguage: "en",
    startDate: "2025-09-01",
    description:
      "Alder & Finch makes kitchen appliances and sells them through 340 retail partners and its own web shop. Its 60 field service engineers and 25-seat customer service centre in Leeds work from separate systems. The programme gives every team one customer record, manages service cases end to end, and then brings field service and partners onto the same platform. Executive sponsor: the Managing Director. The programme started on 1 September 2025 with the team, vision and goals work; Stage 1 starts with the requirements kick-off on 20 October 2025.",
  },
  people: [
    { email: "d.osei@alderfinch.example", displayName: OSEI, role: "project-manager" },
    { email: "h.cole@harbourline.example", displayName: COLE, role: "consultant" },
    { email: "m.ellis@alderfinch.example", displayName: ELLIS, role: "executive-sponsor" },
    { email: "p.raman@alderfinch.example", displayName: RAMAN, role: "team-member" },
    { email: "t.becker@alderfinch.example", displayName: BECKER, role: "team-member" },
    { email: "j.whitfield@alderfinch.example", displayName: WHITFIELD, role: "viewer" },
  ],
  signOffs: [
    { phase: "team", approvedBy: "m.ellis@alderfinch.example", at: "2025-09-15T15:00:00.000Z", comment: "Team and mandate approved." },
    { phase: "vision", approvedBy: "m.ellis@alderfinch.example", at: "2025-09-30T16:00:00.000Z", comment: "Strategy statement approved for announcement." },
    { phase: "goals", approvedBy: "m.ellis@alderfinch.example", at: "2025-10-15T16:30:00.000Z" },
    { phase: "requirements", approvedBy: "m.ellis@alderfinch.example", at: "2025-12-12T14:00:00.000Z", comment: "Scope, plan and budget approved as presented on 12 December." },
    { phase: "selection", approvedBy: "m.ellis@alderfinch.example", at: "2026-01-28T16:00:00.000Z", comment: "Meridian Service Cloud with Pennant Digital, as recommended by the steering group on 27 January." },
    { phase: "customisation", approvedBy: "m.ellis@alderfinch.example", at: "2026-03-31T17:00:00.000Z" },
    { phase: "deployment", approvedBy: "m.ellis@alderfinch.example", at: "2026-04-09T11:00:00.000Z", comment: "Go with conditions; see the decision record." },
    { phase: "review", approvedBy: "m.ellis@alderfinch.example", at: "2026-11-17T10:00:00.000Z" },
  ],
  answers: {
    // --- 1. Team -------------------------------------------------------------------------------
    "team.mandate-agreed": done(ELLIS, "2025-09-08", "Board minute 2025/09-3; announced at the all-staff briefing on 10 September."),
    "team.first-meeting-scheduled": done(OSEI, "2025-09-12", "Vision workshop booked for 24 September, Leeds office, invitations sent."),
    "team.task-co-owners": done(ELLIS, "2025-09-10", "The heads of Customer Service and Partner Sales co-own the programme with the Managing Director's backing; named below."),
    "team.task-champions": done(BECKER, "2025-09-19", "Six champions recruited, one or two per impacted group; they sit in every design session and prototype review."),
    "team.readiness-leadership": { score: 4, evidence: "The Managing Director chairs the monthly steering group and owns the service targets." },
    "team.readiness-culture": { score: 3, evidence: "Service centre staff are customer-minded; field engineers are measured on jobs per day, not on fixing first time." },
    "team.readiness-vision-journeys": { score: 2, evidence: "No shared picture of good service yet; journeys exist only as a 2023 web-shop study." },
    "team.readiness-communication-plan": { score: 2, evidence: "Monthly newsletter exists; nothing planned for the CRM change." },
    "team.readiness-training-plan": { score: 2, evidence: "Product training is good; no plan for systems training or for retail partners." },
    "team.readiness-feedback-loop": { score: 3, evidence: "Weekly service huddle in Leeds could carry feedback; engineers have no channel." },
    "team.readiness-visible-value": { score: 2, evidence: "Past system changes were announced, not shown; staff remember the 2021 ERP upgrade as painful." },
    "team.readiness-software-fit": { score: 4, evidence: "The board agreed that software is chosen only after the strategy and requirements are written." },
    "team.readiness-celebrate-excellence": { score: 1, evidence: "Targets are tracked, but reaching them is rarely marked." },
    "team.crm-maturity": "2",
    "team.readiness-work":
      "About six months of preparation before any software goes live: a shared service vision, mapped journeys for the four customer segments, one customer data set cleaned from three sources, a communication and training plan that includes retail partners, and a change in how engineers are measured.",
    "team.outside-experts": "specific-areas",

    // --- 2. Vision -----------------------------------------------------------------------------
    "vision.marketing-strategy-status": "documented",
    "vision.customer-information": ["contact-details", "attributes", "requests", "purchases", "marketing-activity"],
    "vision.design-principles":
      "One customer, one record: the service centre, engineers, partners and the web shop see the same history. Every contact adds to the record, so nobody asks a customer twice. The customer chooses the channel and we follow up in it.",
    "vision.why-crm":
      "Customers with a faulty appliance tell their story three times: to the retailer, to the service centre and to the engineer. Service cases take six and a half days to close on average, a third of engineer visits need a second visit, and we cannot see which retail partners are drifting away. We want one record of each customer and appliance so that we fix faults faster and keep partners and households loyal.",
    "vision.successful-crm-behaviour":
      "Anyone who speaks to a customer sees the appliance, its warranty and every previous contact. Service cases close in three days, engineers arrive with the right part, partners see the status of their customers' repairs without calling us, and managers review each segment's service and sales figures every month.",
    "vision.relationship-goals":
      "Keep households buying Alder & Finch when they replace an appliance; keep retail partners recommending us; make service the reason customers come back rather than the reason they leave.",
    "vision.relationship-mission": "Every Alder & Finch appliance is looked after for its whole life, by people who know its history.",
    "vision.first-contact": "A named agent who already sees the appliance and its warranty, and who books an engineer on the same call when one is needed.",
    "vision.desired-reports":
      "Open service cases by age and region; first-time fix rate by engineer and appliance family; partner reorder frequency; post-service satisfaction by segment.",
    "vision.staff-image": "Knowledgeable, calm and on time: people who take ownership of a fault until it is fixed.",
    "vision.business-leads":
      "Households whose appliance is out of warranty (extended-cover offers), partners opening new stores, and housing associations refitting kitchens in bulk.",
    "vision.complaining-customers": "Heard the same day, given a case number and a named owner, and told when the fault will be fixed.",
    "vision.customer-delight": "An engineer who arrives in the booked two-hour slot with the part and fixes the fault on the first visit.",
    "vision.why-stay": "Reliable appliances, a repair service that keeps its promises, and a retailer who can see what we are doing for their customer.",
    "vision.unwanted-customers": "Resellers of grey-import stock who expect warranty service we do not owe them.",
    "vision.loyalty-definition":
      "A household that buys a second Alder & Finch appliance within five years; a retail partner that orders every month for twelve months running.",
    "vision.value-proposition":
      "For partners: visibility of their customers' repairs and faster stock replenishment. For households: a two-hour engineer slot and a first-visit fix. For housing associations: one account manager and a planned-maintenance contract.",
    "vision.customisation": "Standard CRM processes wherever they fit; build only the partner portal views and the engineer parts check, which are what distinguish our service.",
    "vision.loyalty-value":
      "A household that buys again is worth about £620 in margin over five years; a partner that stays is worth about £38,000 a year. Housing associations buy in volume but at lower margin.",
    "vision.crm-budget-time": `A budget of £${ALDER_FINCH_BUDGET_TOTAL.toLocaleString("en-GB")} over the first year, and two days a week of each team member's time until go-live.`,
    "vision.next-week-actions":
      "The service centre calls back every customer whose case is older than five days; engineers note the missing part on every second visit so that we learn which parts to carry.",
    "vision.strategy-statement":
      "We look after every Alder & Finch appliance for its whole life. Everyone who deals with a customer sees the same record, owns the problem until it is solved, and keeps the promises we make — so households buy from us again and retailers recommend us.",
    "vision.employee-procedures":
      "Log every customer contact in the case; never close a case without confirming the fix with the customer; engineers record the part used and the root cause; partner managers review their partners' open cases every Monday.",
    "vision.communicate-strategy": done(OSEI, "2025-09-29", "Announced at the all-staff briefing on 29 September; poster in Leeds and in every engineer van pack."),
    "vision.workshop-date": "2025-09-24",
    "vision.minutes-shared": done(OSEI, "2025-09-26", "Minutes emailed to the project team and the board on 26 September."),

    // --- 3. Goals ------------------------------------------------------------------------------
    "goals.ranking-method": "weighted",
    "goals.prioritisation-rationale":
      "Faster case resolution and first-contact resolution come first: both depend on the single customer record, which everything else needs, and both show results within months. First-time fix follows once engineers carry tablets in Stage 2.",
    "goals.technology-start-level": "mid-tech",
    "goals.low-tech-actions":
      "A daily list of cases older than five days reviewed at the morning huddle; a laminated parts checklist for the ten most common faults in every van.",
    "goals.technology-sequencing":
      "Stage 1 gives the service centre one customer record and case management; Stage 2 adds engineer scheduling and the partner portal on that record; Stage 3 opens self-service on the web shop once cases are reliable.",
    "goals.layer-business-objectives": "Close service cases in three days, fix faults on the first visit, and keep retail partners ordering every month.",
    "goals.layer-data-analytics":
      "One customer and appliance record, matched by serial number and postcode, fed by the web shop, the warranty registrations and partner sales. Monthly analysis of repeat faults by appliance family.",
    "goals.layer-experience-communications":
      "A case number and named owner on the first contact; text messages for engineer slots; a partner newsletter with each partner's service figures.",
    "goals.layer-channel": "Telephone and web form for households; partner portal and account managers for retailers; email for housing associations.",
    "goals.layer-content": "Fault-finding guides for agents, appliance care tips for households, monthly partner service reports.",
    "goals.layer-technology": "A cloud CRM with service, field-service and portal modules, integrated with the ERP (orders, parts) and the web shop.",
    "goals.layer-continuous-improvement": "A monthly service review of the KPIs, and a review of the programme three and six months after each go-live.",
    "goals.layer-metrics": "Average days to close a case, share of calls resolved without a callback, first-time fix rate, post-service satisfaction, partner reorder rate.",
    "goals.journey-map": {
      definition:
        "flowchart LR\n  A[Fault noticed] --> B{Bought where?}\n  B -- Retail partner --> C[Partner logs the fault]\n  B -- Web shop --> D[Customer calls or uses the web form]\n  C --> E[Service case opened]\n  D --> E\n  E --> F{Fix by phone?}\n  F -- Yes --> G[Case closed, satisfaction text]\n  F -- No --> H[Engineer booked in a two-hour slot]\n  H --> I[Visit and fix]\n  I --> G",
    },
    "goals.journey-moments": "The first call about a fault, the engineer's arrival, and the follow-up a week after the fix.",
    "goals.journey-gaps": "Between the partner and us: the partner logs the fault by email and the customer hears nothing for days. Between visits: nobody tells the customer when a part is on order.",
    "goals.journey-differences":
      "Households call us directly; independent partners phone on their customers' behalf; national chains send batches by email; housing associations report faults for many tenants at once and want one monthly statement.",
    "goals.data-available": "Web-shop orders (about 48,000 households), warranty registrations, the ERP's partner accounts and orders, and the service centre's case spreadsheet since 2022.",
    "goals.data-needed": "The appliance serial number on every case, the part used and root cause of each fix, and the end customer's details for appliances sold through partners.",
    "goals.data-understanding": "Match faults to appliance families and production batches; find partners whose orders fall; see which households are due to replace an appliance.",
    "goals.data-segments": "The four customer segments, then appliance age and warranty status within each.",
    "goals.data-propensity-models": "Later: propensity to buy extended cover, once a year of clean case data exists.",
    "goals.data-predictive-analytics": "later",
    "goals.data-systems-dynamics": "no",
    "goals.message-paths": "A repair confirmation leads to a care guide; an out-of-warranty fault leads to an extended-cover offer; a second fault within a year leads to a call from a senior agent.",
    "goals.customer-actions": "Register the appliance, book the engineer slot online, and rate the service afterwards.",
    "goals.channel-roles": "Web shop and partners for acquisition; telephone and engineers for support; email and text for engagement; partner portal for conversion of replacement sales.",
    "goals.partners-needed": "yes",
    "goals.channel-integration": "The partner portal replaces the current email route; the web form replaces the generic contact address; telephone stays for urgent faults.",
    "goals.content-needs": "About 120 fault-finding articles for agents, 20 care guides for households, and a monthly report template per partner.",
    "goals.planned-vs-reactive": "Planned: partner reports, care guides, warranty reminders. Reactive: fault handling, complaint follow-up.",
    "goals.wooing-not-stalking": "Households want to hear from us about their appliance, not about new products; partners want figures, not marketing. We contact each only about what they have.",

    // --- 4. Requirements -----------------------------------------------------------------------
    "requirements.task-management-meeting": done(OSEI, "2025-10-20", "Kickoff with the board on 20 October; obstacles and opportunities recorded below."),
    "requirements.kickoff-date": "2025-10-20",
    "requirements.high-level-goals":
      "One customer and appliance record for service, field service, partners and the web shop; service cases closed in three days; first-time fix rate of 80%; partners kept ordering every month.",
    "requirements.high-level-scope":
      "Customer service centre (Leeds), field service, partner management and marketing; processes from fault report to fix and partner account management; all four customer segments. Finance and manufacturing systems are integrated, not replaced.",
    "requirements.obstacles": "Engineers fear being tracked; the ERP's partner data is incomplete; the service centre is busiest in the winter months (November to February), when training would otherwise fall.",
    "requirements.opportunities": "Extended-cover sales to households out of warranty; parts planning from recorded root causes; a partner portal that competitors lack.",
    "requirements.task-document-processes": done(BECKER, "2025-10-31", "Four current processes documented with the service team leaders."),
    "requirements.current-process-map": {
      definition:
        "flowchart LR\n  A[Customer or partner emails or calls] --> B[Agent logs the fault in a spreadsheet]\n  B --> C[Scheduler phones an engineer]\n  C --> D{Part in the van?}\n  D -- Yes --> E[Fix]\n  D -- No --> F[Order part, second visit]\n  F --> E\n  E --> G[Engineer emails job sheet]\n  G --> H[Agent closes the row]",
    },
    "requirements.task-reengineer-processes": done(BECKER, "2025-11-14", "Future processes agreed in two workshops with agents, schedulers and engineers."),
    "requirements.future-process-map": {
      definition:
        "flowchart LR\n  A[Fault reported by phone, web form or partner portal] --> B[Case opened on the customer record]\n  B --> C{Fix by phone?}\n  C -- Yes --> H[Case closed, satisfaction text]\n  C -- No --> D[Engineer booked with parts check]\n  D --> E[Visit, part and root cause recorded on tablet]\n  E --> H",
    },
    "requirements.task-job-descriptions": done(BECKER, "2025-11-28", "Agent and engineer job descriptions reissued with customer-ownership duties."),
    "requirements.task-performance-metrics": done(BECKER, "2025-11-28", "Engineer scorecard changed from jobs per day to first-time fix and satisfaction."),
    "requirements.task-compensation": done(WHITFIELD, "2025-12-05", "Engineer quarterly bonus now 60% first-time fix, 40% satisfaction; agreed with the union representative."),
    "requirements.task-org-training": done(OSEI, "2025-12-05", "Training plan below, agreed with team leaders."),
    "requirements.process-frustrations":
      "Customers repeat their story to each person; partners cannot see repair status; engineers arrive without the part; agents retype job sheets from email.",
    "requirements.task-simplify-before-automating": done(BECKER, "2025-11-21", "Job-sheet email and double entry removed from the future process before configuration."),
    "requirements.resistance-approach":
      "Engineers design the tablet screens with us and see that the scorecard rewards fixes, not speed; agents get a named super-user on each shift; partner managers present the portal to their partners themselves.",
    "requirements.task-org-user-requirements": done(OSEI, "2025-11-21", "Requirements register below, each requirement tied to a goal."),
    "requirements.task-map-needs": done(RAMAN, "2025-11-28", "Each requirement mapped to a CRM function in the register."),
    "requirements.subsystems": ["follow-up", "call-scheduling", "reporting", "reminders-alerts", "electronic-communication", "integrated-service-database"],
    "requirements.channels": ["website", "telephone", "distributors", "partner-networks"],
    "requirements.task-reports": done(RAMAN, "2025-11-28", "Reports and templates listed below with their audiences and schedules."),
    "requirements.task-gaps": done(RAMAN, "2025-12-05", "Gaps and remedies agreed by the project team; the request for proposal asks each vendor how it would close them."),
    "requirements.solution-approach":
      "A standard cloud CRM configured, not coded, for service and field service; a thin partner portal on the same platform; integration with the ERP through its published API; delivery in three stages with a go/no-go decision before each.",
    "requirements.task-integration": done(RAMAN, "2025-11-28", "Three integration points documented."),
    "requirements.task-remote-users": done(RAMAN, "2025-11-28", "Engineers and partner managers' needs recorded below."),
    "requirements.task-ui-sessions": done(BECKER, "2025-12-03", "Three sessions with agents and engineers; requested changes below."),
    "requirements.task-technical-environment": done(RAMAN, "2025-11-21", "Assessment below; tablets and network upgrade recommended."),
    "requirements.task-data-conversion": done(RAMAN, "2025-11-28", "Sources, volumes and quality recorded below."),
    "requirements.task-training-scope": done(OSEI, "2025-12-05", "Training plan below."),
    "requirements.task-support": done(RAMAN, "2025-12-05", "Support requirements below."),
    "requirements.task-scope-document": done(OSEI, "2025-12-12", "Scope document, plan and budget presented to the board on 12 December."),
    "requirements.scope-approved": "approved",
    "requirements.scope-approval-date": "2025-12-12",
    "requirements.scope-approved-by": `${ELLIS}, Managing Director`,

    // --- 5. Selection ---------------------------------------------------------------------------
    "selection.cost-period": "5",
    "selection.currency": "GBP (£), excluding VAT",
    "selection.shortlist-criteria":
      "The short list kept the products with a field-service module that works offline on tablets, a partner portal, hosting in the UK and at least two UK references in appliance or equipment service, and the partners with field-service implementations in the UK. Tallis CRM Essentials (no engineer scheduling) and the ERP vendor's CRM module (offered before the requirements were written; no offline mobile app) left at that point, as did Stackford Solutions (no field-service references).",
    "selection.task-rfp": done(RAMAN, "2025-12-15", "Request for proposal and response sheet sent to the three short-listed vendors and their partners on 15 December."),
    "selection.rfp-issue-date": "2025-12-15",
    "selection.rfp-due-date": "2026-01-09",
    "selection.rfp-contact": `${RAMAN}, CRM technology manager (p.raman@alderfinch.example)`,
    "selection.rfp-submission":
      "By email to p.raman@alderfinch.example by 17:00 UK time on the due date: the response sheet as the Excel file sent with this request, one per product proposed, and the proposal as a single PDF. Prices and terms must remain valid for 90 days after the due date.",
    "selection.licence-needs":
      "Stage 1: 25 service centre agents, 6 team leaders, 4 marketing staff and 5 partner managers as full users. Stage 2: 60 field engineers with the offline mobile app, and the 340 retail partners on the portal (about 600 portal logins). Eight board and steering group members read the dashboards only.",
    "selection.evaluation-notes":
      "The ranking does not show how each vendor's team worked with ours: Meridian and Pennant Digital brought the consultant who would lead our project and rehearsed our scripts with our own fault codes; Brightdesk showed its standard demo for two of the four scripts. Nor does it show contract terms: Meridian's subscription price is fixed for five years, Keystone's for three.",
    "selection.task-references": done(OSEI, "2026-01-23", "Two references called for each short-listed product and partner, with the same six questions; notes kept with the evaluation."),
    "selection.decision-date": "2026-01-27",
    "selection.decided-by": `${ELLIS}, Managing Director, on the steering group's recommendation`,
    "selection.decision-reasons":
      "Meridian Service Cloud, implemented by Pennant Digital. Meridian ranks first on the weighted evaluation and stays first when any weight moves by ten points. It meets every must-have requirement with standard features or configuration except the pre-2019 warranty rules, which every product would need built; in the demo an engineer closed a job offline with our own fault codes; both references (an appliance maker and a boiler service firm) reported first-time-fix gains within a year. Brightdesk was excluded because it cannot schedule engineers (R5, a must-have). Keystone with Clearway costs £103,000 less over five years (£733,000 against £836,000, subscription and implementation together), but engineers' offline job closure would be a custom app, which the board judged the larger risk. Pennant Digital has delivered Meridian field service for four UK service firms and proposed the consultant who led the demos.",
    "selection.gap-remedies":
      "One must-have requirement needs more than configuration with Meridian: R1, because warranty rules for appliances sold before 2019 are not in the product. Pennant Digital imports the old warranty table and adds a rule set within the Stage 1 fixed price; agents check the old table by hand until it is live.",

    // --- 5. Customisation ----------------------------------------------------------------------
    "customisation.task-hardware-databases": done(RAMAN, "2026-02-13", "Test, training and production environments provisioned by Meridian two weeks after the contract was signed."),
    "customisation.task-install-security": done(RAMAN, "2026-02-20", "Single sign-on and the four security roles applied."),
    "customisation.task-ui-workflow": done(RAMAN, "2026-03-13", "All must-have customisations built and shown as prototypes."),
    "customisation.task-reports-queries": done(RAMAN, "2026-03-13", "Dashboards and reports built; see the build log."),
    "customisation.task-localise": { owner: RAMAN, dueDate: "2026-02-20", status: "not-applicable", evidence: "UK English, pounds sterling and the Gregorian calendar are the product's defaults." },
    "customisation.localisation-needs": ["local-currency", "local-identifiers", "local-sms-gateway"],
    "customisation.task-integration": done(RAMAN, "2026-03-20", "ERP and web-shop integrations tested; see the integration build."),
    "customisation.task-test-application": done(RAMAN, "2026-03-25", "System test complete; results below."),
    "customisation.task-test-migration": done(RAMAN, "2026-03-20", "Trial migration of all sources; reject rate below."),
    "customisation.task-test-remote-access": done(RAMAN, "2026-03-20", "Engineer tablets tested offline and on 4G in three regions."),
    "customisation.migration-trial-rejects": "4.2",
    "customisation.client-approval": "approved-with-changes",
    "customisation.client-approval-date": "2026-03-27",
    "customisation.task-training-material": done(OSEI, "2026-03-20", "Training materials ready; see below."),
    "customisation.task-uat-scenarios": done(BECKER, "2026-03-25", "Ten scenarios written with team leaders."),
    "customisation.uat-acceptance-criteria":
      "At least 90% of the scenarios pass; no critical or major issue open; any minor issue has a workaround and an owner; agents can open a case in under two minutes.",

    // --- 6. Deployment -------------------------------------------------------------------------
    "deployment.task-train-users": done(OSEI, "2026-04-03", "All service centre agents, partner managers and the marketing team trained before go-live; field engineers train in June, before wave 3; attendance below."),
    "deployment.task-revisit-procedures": done(BECKER, "2026-04-03", "Four procedures updated; see below."),
    "deployment.task-uat-pilot": done(BECKER, "2026-04-03", "UAT and pilot 30 March – 3 April; results below."),
    "deployment.pilot-scope": "Six agents of the Leeds service centre's day shift and two partner managers used the system for all their cases from 30 March to 3 April.",
    "deployment.uat-pass-rate": "90",
    "deployment.task-go-decision": done(ELLIS, "2026-04-08", "Decision meeting on 8 April; record below."),
    "deployment.go-decision": "go-with-conditions",
    "deployment.go-rationale":
      "Nine of the ten acceptance scenarios passed (90%), meeting the criterion; the one failure (the warranty check for appliances sold before 2019) is minor and has a manual workaround. Training is complete for the service centre. We go live on 20 April on condition that the warranty fix is delivered by 30 April.",
    "deployment.go-decision-date": "2026-04-08",
    "deployment.task-support-plan": done(RAMAN, "2026-04-07", "Support team and mechanisms below; vendor support contract signed."),
    "deployment.task-final-migration": done(RAMAN, "2026-04-05", "Final migration on 4–5 April; delta load of later changes scheduled for 18 April."),
    "deployment.task-tie-to-targets": done(WHITFIELD, "2026-03-27", "Service targets in the 2026/27 budget rewritten as the programme KPIs."),
    "deployment.task-internal-marketing": done(OSEI, "2026-04-07", "Countdown posters, a launch video by the Managing Director, and team briefings."),
    "deployment.task-pause-projects": done(ELLIS, "2026-03-02", "The telephony upgrade moved to September 2026."),
    "deployment.task-sequence-rollout": done(OSEI, "2026-03-27", "Three waves below."),
    "deployment.task-mandatory-use": done(ELLIS, "2026-04-08", "From go-live, a case not in the CRM does not exist: spreadsheet closed to edits."),
    "deployment.task-operationalise": done(RAMAN, "2026-04-08", "Production ready; cut-over plan approved."),
    "deployment.go-live-date": "2026-04-20",
    "deployment.feedback-channel":
      "A 'Report a problem' button on every screen opens a ticket to the support desk; champions collect comments at the daily huddle. Everyone hears back within two working days, and the monthly CRM bulletin lists what was fixed.",
    "deployment.task-close-out": done(OSEI, "2026-04-08", "Close-out activities below."),
    "deployment.task-continue-operation": done(RAMAN, "2026-04-08", "Operation handed to the IT service desk with the vendor's support."),
    "deployment.post-closure-work":
      "Stage 2 (field service and partners) continues under the same steering group, owned by Tom Becker; Priya Raman owns the platform and releases; Hannah Cole returns for the three- and six-month reviews.",

    // --- 7. Review -----------------------------------------------------------------------------
    "review.review-date": "2026-11-10",
    "review.task-monitor-usage": done(RAMAN, "2026-10-30", "Monthly usage report since May; figures for July and October below."),
    "review.success-factor-1": "4",
    "review.success-factor-2": "4",
    "review.success-factor-3": "4",
    "review.success-factor-4": "5",
    "review.success-factor-5": "3",
    "review.success-factor-6": "4",
    "review.success-factor-7": "4",
    "review.success-factor-8": "4",
    "review.success-factor-9": "5",
    "review.success-factor-10": "3",
    "review.success-factors-notes":
      "Designing screens with agents and engineers, and simplifying the process before configuring it, made adoption fast. Change management and training were weakest for field engineers: the tablet training was too short and adoption among engineers lags the service centre.",
    "review.task-opportunities": done(COLE, "2026-11-03", "Opportunities below, from the findings."),
    "review.task-plan-approach": done(OSEI, "2026-11-10", "Next-round plan below."),
    "review.next-approach":
      "Finish Stage 2 with a second engineer training round before extending the partner portal; start Stage 3 (self-service) only when first-time fix reaches 75%.",
    "review.task-improvement-cycle": done(RAMAN, "2026-11-10", "Monthly KPI review on the first Tuesday; quarterly steering review."),
    "review.measurement-cadence": "monthly",
    "review.metrics-owner": `${OSEI}, Head of Programme Office`,
    "review.excellence-definition":
      "Every case closed within three days, eight in ten faults fixed on the first visit, and partners choosing us because of our service figures.",
    "review.excellence-celebration": "A service awards afternoon in Leeds with the Managing Director, and each partner's figures published in the partner newsletter.",
    "review.task-management-meeting": done(OSEI, "2026-11-10", "Findings and recommendations presented to the board on 10 November."),
    "review.management-meeting-date": "2026-11-10",
    "review.management-decisions":
      "The board approved the Stage 2 budget release, a second engineer training round in January 2027, and the self-service stage starting no earlier than April 2027.",
  },
  rows: {
    // --- 1. Team -------------------------------------------------------------------------------
    "team.unit-involvement": [
      { unit: "Customer service centre (Leeds)", "crm-processes": "Fault reports, service cases, complaints, callbacks.", involvement: "team-member", representative: BECKER },
      { unit: "Field service", "crm-processes": "Engineer scheduling, visits, parts used, job sheets.", involvement: "team-member", representative: BECKER },
      { unit: "Partner sales", "crm-processes": "Retail partner accounts, orders, partner reports.", involvement: "consulted", representative: "Amira Shah" },
      { unit: "Marketing and web shop", "crm-processes": "Warranty registrations, campaigns, web-shop orders.", involvement: "consulted", representative: "Lucy Grant" },
      { unit: "IT", "crm-processes": "Platform, integrations, data, security.", involvement: "team-member", representative: RAMAN },
      { unit: "Finance", "crm-processes": "Budget, warranty costs, partner credit.", involvement: "informed", representative: WHITFIELD },
    ],
    "team.members": [
      { name: ELLIS, role: "executive-sponsor", unit: "Managing Director", responsibilities: "Executive sponsor: owns the programme's outcomes, decides budget and priorities, signs off each phase.", email: "m.ellis@alderfinch.example" },
      { name: OSEI, role: "project-manager", unit: "Programme Office", responsibilities: "Plans and runs the programme, chairs the weekly project meeting, reports to the steering group.", email: "d.osei@alderfinch.example" },
      { name: RAMAN, role: "crm-technology-manager", unit: "IT", responsibilities: "Platform selection, configuration, integration with the ERP and web shop, data migration, security.", email: "p.raman@alderfinch.example" },
      { name: BECKER, role: "marketing-sales-service", unit: "Customer Service", responsibilities: "Represents the service centre, field service and partner sales; owns the future processes and adoption.", email: "t.becker@alderfinch.example" },
      { name: "Amira Shah", role: "marketing-sales-service", unit: "Partner Sales", responsibilities: "Head of Partner Sales: sponsors the partner managers' change, owns partner fault intake and the partner portal's adoption; co-owner of the CRM from go-live.", email: "a.shah@alderfinch.example" },
      { name: "Lucy Grant", role: "marketing-sales-service", unit: "Marketing and web shop", responsibilities: "Head of Marketing: owns the web-shop customer data and consent, sponsors the marketing team's change, runs the extended-cover offer.", email: "l.grant@alderfinch.example" },
      { name: "Graham Price", role: "production-technical", unit: "Product Engineering", responsibilities: "Fault codes, parts lists and root-cause data; links service findings to production.", email: "g.price@alderfinch.example" },
      { name: WHITFIELD, role: "hr-support", unit: "Finance", responsibilities: "Budget control, engineer incentive changes with HR, warranty cost reporting.", email: "j.whitfield@alderfinch.example" },
      { name: COLE, role: "other", unit: "Harbourline Consulting (external CRM consultant)", responsibilities: "Method, workshops, change management and the post-launch review.", email: "h.cole@harbourline.example" },
    ],

    // --- 2. Vision -----------------------------------------------------------------------------
    "team.co-owners": [
      { name: BECKER, unit: "service", role: "Head of Customer Service; co-owner of the programme, owns the future service processes" },
      { name: "Amira Shah", unit: "sales", role: "Head of Partner Sales; co-owner of the programme, owns partner fault intake and the portal" },
    ],
    "team.champions": [
      { name: "Chloe Brennan", unit: "Service centre, day shift", covers: "Service centre agents", wave: "1", contribution: "Designed the case screen with the consultants and reviewed every prototype of it." },
      { name: "Marcus Hale", unit: "Service centre, late shift", covers: "Service centre agents", wave: "1", contribution: "Tried each build with late-shift cases and ran practice cases in the training environment." },
      { name: "Ravi Patel", unit: "Field service, North", covers: "Field service engineers", wave: "3", contribution: "Designed the job-closure lists with Product Engineering." },
      { name: "Owen Jones", unit: "Field service, South", covers: "Field service engineers", wave: "3", contribution: "Tested the tablet prototype offline in the South region's no-signal areas." },
      { name: "Sophie Turner", unit: "Partner sales", covers: "Retail partner managers", wave: "2", contribution: "Shaped the partner portal views and showed the prototype to ten pilot partners." },
      { name: "Nadia Brooks", unit: "Marketing", covers: "Marketing team", wave: "2", contribution: "Designed the consent fields with IT and checked them on migrated households." },
    ],
    "vision.customer-research": [
      { segment: "Web-shop households with a repair in the last year", method: "survey", customers: "1240", date: "2025-09-16", findings: "62% said the worst part was waiting at home all day for an engineer; 48% had to call twice to learn when the engineer would come.", informs: "vision.value-proposition" },
      { segment: "Retail partners (independent)", method: "interview", customers: "14", date: "2025-09-18", findings: "Partners phone us on their customers' behalf because they cannot see a repair's status; several would leave us for a supplier who shows it online.", informs: "vision.why-stay" },
      { segment: "Households who complained in 2024/25", method: "complaint-analysis", customers: "2870", date: "2025-09-12", findings: "Most complaints were about being passed between departments, not about the fault itself: a case number and one named owner would have prevented two in three.", informs: "vision.complaining-customers" },
    ],
    "vision.segments": [
      { name: "National retail chains", "profitability-rank": "1", size: "18", "profitability-band": "high", "current-value": "21400", "potential-value": "24800", description: "18 chains with 41% of unit sales; central buying, batch fault reports by email.", decision: "invest", rationale: "Largest and most profitable; competitors court their buyers.", "valued-contacts": "Quarterly business review, monthly service report per chain, one named account manager.", "must-not": "Changing prices or delivery terms without notice." },
      { name: "Retail partners (independent)", "profitability-rank": "2", size: "322", "profitability-band": "medium", "current-value": "14600", "potential-value": "17900", description: "322 independent kitchen and electrical shops; they phone faults in on their customers' behalf.", decision: "invest", rationale: "Loyal when served well; the partner portal makes serving them cheaper.", "valued-contacts": "Repair status without calling, fast stock replenishment, a named partner manager.", "must-not": "Selling directly to their local customers below their price." },
      { name: "Web-shop households", "profitability-rank": "3", size: "48000", "profitability-band": "medium", "current-value": "9200", "potential-value": "12500", description: "About 48,000 households who bought through the web shop since 2021.", decision: "manage-costs", rationale: "Good margin on the first sale; service cost decides whether they buy again.", "valued-contacts": "A two-hour engineer slot, text updates, care tips for their appliance.", "must-not": "Weekly marketing emails; calls in the evening." },
      { name: "Landlords and housing associations", "profitability-rank": "4", size: "120", "profitability-band": "low", "current-value": "3100", "potential-value": "4600", description: "120 landlords and associations buying in bulk for refits; many small faults across tenants.", decision: "manage-costs", rationale: "Low margin but steady volume; a planned-maintenance contract lowers our cost to serve.", "valued-contacts": "One monthly statement of all faults and visits; one account manager.", "must-not": "Visiting tenants without the landlord's booking reference." },
    ],
    "vision.workshop-participants": [
      { name: ELLIS, role: "Managing Director, executive sponsor", organisation: "Alder & Finch" },
      { name: OSEI, role: "Head of Programme Office, project manager", organisation: "Alder & Finch" },
      { name: RAMAN, role: "IT Systems Manager", organisation: "Alder & Finch" },
      { name: BECKER, role: "Head of Customer Service", organisation: "Alder & Finch" },
      { name: "Graham Price", role: "Head of Product Engineering", organisation: "Alder & Finch" },
      { name: WHITFIELD, role: "Finance Director", organisation: "Alder & Finch" },
      { name: COLE, role: "CRM consultant, facilitator", organisation: ALDER_FINCH_FIRM },
    ],
    "vision.decisions": [
      { decision: "Stage 1 covers the single customer record and service cases only; field service and partners follow in Stage 2.", owner: ELLIS },
      { decision: "Grey-import resellers get no warranty service and no investment in the programme.", owner: BECKER },
      { decision: "The strategy statement is announced at the all-staff briefing before any software is chosen.", owner: OSEI },
    ],
    "vision.open-points": [
      { point: "Extract three years of service cases and partner orders to check the segment profitability figures.", owner: RAMAN, "due-date": "2025-10-03" },
      { point: "Agree with the union representative how engineer scorecards will change.", owner: WHITFIELD, "due-date": "2025-11-28" },
    ],

    // --- 3. Goals ------------------------------------------------------------------------------
    "goals.roadmap": [
      { name: "Stage 1: One customer record and service cases", start: "2025-10-20", end: "2026-05-31", focus: "From the requirements kick-off: one customer and appliance record; service cases from report to fix; the service centre's dashboards. (The team, vision and goals work ran from 1 September 2025.)", "technology-level": "mid-tech" },
      { name: "Stage 2: Field service and partners", start: "2026-06-01", end: "2026-12-31", focus: "Engineer scheduling and tablets with parts check; the retail partner portal.", "technology-level": "mid-tech" },
      { name: "Stage 3: Self-service and web", start: "2027-01-01", end: "2027-06-30", focus: "Online fault reporting and slot booking for households; web-shop integration of service history.", "technology-level": "high-tech" },
    ],
    "goals.register": [
      { goal: "Resolve service cases faster", kpi: "Average days to close a service case", measurement: "CRM case report: calendar days from opening to confirmed fix, monthly average.", unit: "days", baseline: "6.5", target: "3", priority: "1", moscow: "must", stage: "@goals.roadmap#1", "target-date": "2026-10-31", "tech-level": "mid-tech", "tech-reason": "Needs cases on one record with owners and ages." },
      { goal: "Resolve more calls on first contact", kpi: "Calls resolved without a callback", measurement: "Share of service calls closed in the same contact, from the CRM case log.", unit: "%", baseline: "52", target: "70", priority: "2", moscow: "must", stage: "@goals.roadmap#1", "target-date": "2026-10-31", "tech-level": "mid-tech", "tech-reason": "Agents need the appliance history and fault guides on screen." },
      { goal: "Raise satisfaction after service", kpi: "Post-service satisfaction score (out of 10)", measurement: "Text survey sent the day after a case closes; monthly average.", unit: "points", baseline: "7.1", target: "8.5", priority: "3", moscow: "should", stage: "@goals.roadmap#1", "target-date": "2026-10-31", "tech-level": "mid-tech", "tech-reason": "The survey text is sent from the case record when a case closes; Stage 1 builds both." },
      { goal: "Fix faults on the first visit", kpi: "Engineer visits that fix the fault first time", measurement: "Visits closed without a follow-up visit within 30 days, from the scheduling system.", unit: "%", baseline: "68", target: "80", priority: "4", moscow: "must", stage: "@goals.roadmap#2", "target-date": "2027-03-31", "tech-level": "mid-tech", "tech-reason": "Needs the parts check on engineers' tablets; measured over the first quarter after all three regions are on tablets." },
      { goal: "Keep retail partners ordering", kpi: "Partners ordering every month", measurement: "Share of active retail partners with an order in each of the last three months, from the ERP.", unit: "%", baseline: "61", target: "75", priority: "5", moscow: "should", stage: "@goals.roadmap#2", "target-date": "2027-03-31", "tech-level": "low-tech", "tech-reason": "Partner managers' monthly calls start before the portal." },
      { goal: "Open a self-service channel", kpi: "Service requests raised online", measurement: "Share of new cases opened through the web form or portal.", unit: "%", baseline: "0", target: "30", priority: "6", moscow: "could", stage: "@goals.roadmap#3", "target-date": "2027-06-30", "tech-level": "high-tech", "tech-reason": "Online booking against engineers' live calendars." },
    ],
    "goals.criteria": [
      { name: "Value to customers and the business", weight: "3", direction: "benefit", axis: "value", description: "Effect on the KPIs and on customer loyalty." },
      { name: "Effort", weight: "2", direction: "cost", axis: "effort", description: "Time, money and change needed." },
      { name: "Risk", weight: "1", direction: "cost", description: "Chance the goal is not reached on time." },
    ],
    "goals.scores": [
      ...[
        [5, 2, 1],
        [4, 2, 2],
        [4, 2, 2],
        [5, 4, 3],
        [3, 3, 2],
        [3, 5, 4],
      ].flatMap(([v, e, r], i) => [
        { goal: `@goals.register#${i + 1}`, criterion: "@goals.criteria#1", score: String(v) },
        { goal: `@goals.register#${i + 1}`, criterion: "@goals.criteria#2", score: String(e) },
        { goal: `@goals.register#${i + 1}`, criterion: "@goals.criteria#3", score: String(r) },
      ]),
    ],
    "goals.touchpoints": [
      { touchpoint: "Fault call to the service centre", segment: "@vision.segments=Web-shop households", stage: "service", channel: "phone", "initiated-by": "customer", consent: "not-needed", "customer-action": "Describes the fault and asks for an engineer.", "data-held": "Case spreadsheet; web-shop order if the agent finds it.", "influence-opportunity": "Fix by phone or book an engineer on the same call.", gap: "The agent cannot see the appliance or its warranty." },
      { touchpoint: "Partner fault email", segment: "@vision.segments=Retail partners (independent)", stage: "service", channel: "partner", "initiated-by": "customer", consent: "given", "customer-action": "Emails the fault on the customer's behalf.", "data-held": "Email inbox only.", "influence-opportunity": "Give the partner a case number and status they can share.", gap: "Partner and customer hear nothing for days." },
      { touchpoint: "Engineer visit", segment: "@vision.segments=Web-shop households", stage: "service", channel: "in-person", "initiated-by": "us", consent: "given", "customer-action": "Lets the engineer in and waits for the fix.", "data-held": "Paper job sheet.", "influence-opportunity": "Fix first time; offer extended cover when out of warranty.", gap: "No part in the van for a third of visits." },
      { touchpoint: "Chain buyer's quarterly review", segment: "@vision.segments=National retail chains", stage: "loyalty", channel: "in-person", "initiated-by": "us", consent: "not-needed", "customer-action": "Reviews sales and service figures with the account manager.", "data-held": "ERP sales report.", "influence-opportunity": "Show service figures per chain.", gap: "No service figures per chain exist." },
      { touchpoint: "Web-shop purchase", segment: "@vision.segments=Web-shop households", stage: "purchase", channel: "web", "initiated-by": "customer", consent: "given", "customer-action": "Buys and registers the appliance.", "data-held": "Web-shop order, warranty registration.", "influence-opportunity": "Register the appliance on the customer record at purchase.", gap: "Registration is a separate form that half skip." },
      { touchpoint: "Housing association fault batch", segment: "@vision.segments=Landlords and housing associations", stage: "service", channel: "email", "initiated-by": "customer", consent: "not-needed", "customer-action": "Sends a list of tenants' faults.", "data-held": "Spreadsheet attachment.", "influence-opportunity": "One case per appliance under the association's account.", gap: "Visits booked without the landlord's reference." },
    ],

    // --- 4. Requirements -----------------------------------------------------------------------
    "requirements.current-processes": [
      { process: "Fault report to engineer visit", "owner-unit": "Customer service centre", description: "Agents log faults in a shared spreadsheet and phone the scheduler, who phones an engineer.", "pain-points": "Double entry; no appliance history; lost cases." },
      { process: "Partner fault handling", "owner-unit": "Partner sales", description: "Partners email faults to a shared inbox; an agent copies them into the spreadsheet.", "pain-points": "Delays of two to three days; partners chase by phone." },
      { process: "Job closure", "owner-unit": "Field service", description: "Engineers email a job-sheet photo; an agent closes the row.", "pain-points": "Part used and root cause are not recorded." },
      { process: "Partner account review", "owner-unit": "Partner sales", description: "Partner managers review ERP order reports each quarter.", "pain-points": "No service figures; falling orders noticed late." },
    ],
    "requirements.org-changes": [
      { change: "Engineer scorecard measures first-time fix and satisfaction", area: "performance-metrics", "current-state": "Jobs per day.", "target-state": "First-time fix rate and post-service satisfaction.", owner: BECKER, "due-date": "2026-04-20", status: "done" },
      { change: "Engineer bonus follows the new scorecard", area: "compensation", "current-state": "Bonus on jobs completed.", "target-state": "60% first-time fix, 40% satisfaction.", owner: WHITFIELD, "due-date": "2026-04-20", status: "done" },
      { change: "Agents own a case until it is fixed", area: "job-descriptions", "current-state": "Whoever answers handles the call.", "target-state": "Named case owner from opening to fix.", owner: BECKER, "due-date": "2026-04-20", status: "done" },
      { change: "Partner managers review partners' open cases weekly", area: "process", "current-state": "Quarterly order review only.", "target-state": "Weekly review of cases and orders.", owner: "Amira Shah", "due-date": "2026-07-01", status: "in-progress" },
    ],
    "requirements.impacted-groups": [
      { group: "Service centre agents", people: "25", today: "Spreadsheet, shared inbox and phone; no appliance history.", tomorrow: "One record per customer and appliance; cases with owners and ages.", processes: "4", tools: "5", "job-roles": "3", metrics: "3", compensation: "1", resistance: "low", sponsor: BECKER },
      { group: "Field service engineers", people: "60", today: "Paper job sheets; phoned by the scheduler.", tomorrow: "Tablet with the day's visits, parts check and job closure.", processes: "4", tools: "5", "job-roles": "2", metrics: "5", compensation: "4", resistance: "high", sponsor: BECKER },
      { group: "Retail partner managers", people: "14", today: "Quarterly ERP reports; partners phone them about repairs.", tomorrow: "Partner record with orders and open cases; weekly review.", processes: "3", tools: "3", "job-roles": "2", metrics: "2", compensation: "1", resistance: "medium", sponsor: "Amira Shah" },
      { group: "Marketing team", people: "6", today: "Web-shop and registration lists in separate files.", tomorrow: "Campaigns from one customer record with consent.", processes: "2", tools: "3", "job-roles": "1", metrics: "2", compensation: "0", resistance: "low", sponsor: "Lucy Grant" },
    ],
    "requirements.communication-plan": [
      { audience: "All staff", message: "Why we are changing: one record of every customer and appliance, and faults fixed first time.", channel: "meeting", sender: ELLIS, timing: "2025-09-29", frequency: "once", status: "done" },
      { audience: "Field service engineers", message: "What the tablet does for you, how the scorecard changes, and when training is.", channel: "workshop", sender: BECKER, timing: "2026-02-16", frequency: "per-milestone", status: "done" },
      { audience: "Service centre agents", message: "Launch date, training slots and who your shift super-user is.", channel: "meeting", sender: BECKER, timing: "2026-03-09", frequency: "weekly", status: "done" },
      { audience: "Retail partner managers", message: "How the partner record and the weekly case review change your partner visits, and when the portal comes.", channel: "meeting", sender: "Amira Shah", timing: "2026-03-02", frequency: "monthly", status: "done" },
      { audience: "Marketing team", message: "One customer record with consent: what changes for campaigns and the web-shop lists.", channel: "meeting", sender: "Lucy Grant", timing: "2026-03-04", frequency: "once", status: "done" },
      { audience: "Retail partners", message: "Faster repair updates and, from Stage 2, a portal with your customers' cases.", channel: "email", sender: "Amira Shah", timing: "2026-04-20", frequency: "monthly", status: "in-progress" },
      { audience: "All staff", message: "CRM bulletin: what went live, what was fixed, this month's figures.", channel: "newsletter", sender: OSEI, timing: "2026-04-24", frequency: "monthly", status: "in-progress" },
    ],
    "requirements.register": [
      { requirement: "One record per customer with all appliances, warranty and contacts", description: "Households, partners and associations; appliances by serial number.", priority: "must", goal: "@goals.register#1", touchpoint: "@goals.touchpoints#1", process: "Fault report to engineer visit", "crm-function": "Account and contact management", level: "organisational" },
      { requirement: "Service cases with owner, age and status from report to fix", description: "Every fault is a case on the customer record, opened from phone, web form or partner email, with a named owner, an age and a status until the customer confirms the fix.", priority: "must", goal: "@goals.register#1", touchpoint: "@goals.touchpoints#1", process: "Fault report to engineer visit", "crm-function": "Case management", level: "organisational" },
      { requirement: "Fault-finding guides on the case screen", description: "About 120 fault guides by appliance family, shown beside the case so that the agent can fix more faults by phone.", priority: "must", goal: "@goals.register#2", touchpoint: "@goals.touchpoints#1", process: "Fault report to engineer visit", "crm-function": "Knowledge base", level: "user" },
      { requirement: "Satisfaction text the day after a case closes", description: "A two-question text survey sent the day after the case closes; the score is stored on the case.", priority: "should", goal: "@goals.register#3", touchpoint: "@goals.touchpoints#3", process: "Job closure", "crm-function": "Surveys", level: "organisational" },
      { requirement: "Engineer scheduling with parts check before the visit", description: "Visits booked in two-hour slots by skill and area; the likely part is checked against the van stock before the visit (Stage 2).", priority: "must", goal: "@goals.register#4", touchpoint: "@goals.touchpoints#3", process: "Fault report to engineer visit", "crm-function": "Field service scheduling", level: "organisational" },
      { requirement: "Job closure on the tablet with part used and root cause", description: "Engineers close the job on their rugged tablet, offline if needed, choosing the part used and the root cause from lists (Stage 2).", priority: "must", goal: "@goals.register#4", touchpoint: "@goals.touchpoints#3", process: "Job closure", "crm-function": "Mobile work orders", level: "user" },
      { requirement: "Partner portal with the status of their customers' cases", description: "Each retail partner sees only their customers' cases, with status and next visit date, and their monthly service statement (Stage 2).", priority: "should", goal: "@goals.register#5", touchpoint: "@goals.touchpoints#2", process: "Partner fault handling", "crm-function": "Partner portal", level: "organisational" },
      { requirement: "Management dashboards for cases, first-time fix and partners", description: "Open cases by age and region, first-time fix, satisfaction and partner orders, for team leaders daily and the board monthly.", priority: "must", goal: "@goals.register#1", touchpoint: "@goals.touchpoints#4", process: "Partner account review", "crm-function": "Dashboards and reporting", level: "organisational" },
      { requirement: "Online fault reporting and slot booking for households", description: "Households report a fault on the web shop and book an engineer slot against live calendars (Stage 3).", priority: "could", goal: "@goals.register#6", touchpoint: "@goals.touchpoints#5", process: "Fault report to engineer visit", "crm-function": "Customer self-service", level: "organisational" },
    ],
    "requirements.reports": [
      { report: "Open cases by age and region", type: "dashboard", purpose: "Find cases at risk of missing three days.", audience: "Service team leaders", frequency: "daily", distribution: "Dashboard on the service floor screens" },
      { report: "First-time fix by engineer and appliance family", type: "report", purpose: "Coaching and parts planning.", audience: "Field service managers", frequency: "weekly", distribution: "Email, Monday 7:00" },
      { report: "Partner service and orders", type: "report", purpose: "Partner reviews.", audience: "Retail partner managers", frequency: "monthly", distribution: "Portal and email" },
      { report: "Programme KPIs", type: "dashboard", purpose: "Steering group review.", audience: "Board", frequency: "monthly", distribution: "Board pack" },
    ],
    "requirements.document-templates": [
      { template: "Case confirmation", purpose: "Case number, owner and next step.", process: "Fault report to engineer visit", channel: "email", schedule: "On opening", owner: BECKER },
      { template: "Engineer slot text", purpose: "Two-hour slot and engineer's name.", process: "Fault report to engineer visit", channel: "sms", schedule: "On booking and the evening before", owner: BECKER },
      { template: "Partner monthly service statement", purpose: "Cases, times and satisfaction per partner.", process: "Partner account review", channel: "portal", schedule: "First working day of the month", owner: "Amira Shah" },
    ],
    "requirements.gaps": [
      { gap: "Warranty rules for appliances sold before 2019 are not in the product", process: "Fault report to engineer visit", remedy: "Import the old warranty table and add a rule set; manual check until then.", approved: "yes" },
      { gap: "No offline mode for the parts check", process: "Job closure", remedy: "Use the vendor's offline sync for the van stock list.", approved: "yes" },
      { gap: "Landlord booking reference is not a standard field", process: "Fault report to engineer visit", remedy: "Add a custom field on the case, required for association accounts.", approved: "yes" },
    ],
    "requirements.integration-points": [
      { system: "ERP (orders, partners, parts)", direction: "both", "data-exchanged": "Partner accounts and orders in; parts reservations out.", frequency: "Every 15 minutes", owner: RAMAN },
      { system: "Web shop", direction: "inbound", "data-exchanged": "Household orders and warranty registrations.", frequency: "Hourly", owner: RAMAN },
      { system: "Text message gateway", direction: "outbound", "data-exchanged": "Slot confirmations and satisfaction surveys.", frequency: "Real time", owner: RAMAN },
    ],
    "requirements.remote-users": [
      { "user-group": "Field service engineers", "access-need": "The day's visits, customer and appliance history, parts check, job closure.", "sync-need": "Offline with sync on signal", devices: "Rugged tablets" },
      { "user-group": "Retail partner managers", "access-need": "Partner records, open cases and orders while visiting stores.", "sync-need": "Online", devices: "Laptops and phones" },
    ],
    "requirements.customisations": [
      { "screen-workflow": "Case screen with appliance panel", change: "Show serial number, warranty end date and last three cases beside the case.", "requested-by": "Service centre agents", priority: "must" },
      { "screen-workflow": "Engineer job closure", change: "Part used and root cause chosen from lists; photo of the fixed appliance.", "requested-by": "Field service engineers", priority: "must" },
      { "screen-workflow": "Partner portal case list", change: "Partners see only their customers' cases, with status and next visit date.", "requested-by": "Retail partner managers", priority: "should" },
      { "screen-workflow": "Association booking", change: "Landlord booking reference required before a visit is booked.", "requested-by": "Service centre agents", priority: "should" },
    ],
    "requirements.technical-environment": [
      { component: "Leeds office network", "current-state": "100 Mbit line shared with the ERP", recommendation: "upgrade", notes: "Second line and failover before go-live." },
      { component: "Agent desktops", "current-state": "Windows 11, two screens", recommendation: "keep" },
      { component: "Engineer devices", "current-state": "Personal phones", recommendation: "buy", notes: "60 rugged tablets with 4G." },
      { component: "Single sign-on", "current-state": "In place for email and ERP", recommendation: "keep" },
    ],
    "requirements.data-conversion": [
      { source: "Service case spreadsheet (2022–2025)", data: "Cases, faults, visit dates", volume: "about 61,000 rows", quality: "high", "quality-notes": "Free-text appliance names; many duplicates.", owner: BECKER },
      { source: "Web-shop customers", data: "Households, orders, registrations", volume: "about 48,000 customers", quality: "medium", "quality-notes": "Old addresses; 9% duplicates.", owner: "Lucy Grant" },
      { source: "ERP partner accounts", data: "Retail partners, chains, associations", volume: "about 480 accounts", quality: "medium", "quality-notes": "Orders complete, but about one account in five has no service contact, and four closed accounts are still marked active.", owner: RAMAN },
    ],
    "requirements.training-scope": [
      { audience: "Service centre agents", format: "classroom", depth: "daily-use", breadth: "Customer record, cases, fault guides, satisfaction survey.", "audience-type": "staff", "start-date": "2026-03-16", "end-date": "2026-04-03", trainer: COLE, completion: "100" },
      { audience: "Field service engineers", format: "workshop", depth: "daily-use", breadth: "Tablet, visits, parts check, job closure.", "audience-type": "staff", "start-date": "2026-06-08", "end-date": "2026-07-03", trainer: "Implementation partner trainer", completion: "95" },
      { audience: "Marketing team", format: "classroom", depth: "daily-use", breadth: "Customer record with consent, segments and service messages.", "audience-type": "staff", "start-date": "2026-04-02", "end-date": "2026-04-02", trainer: RAMAN, completion: "100" },
      { audience: "Retail partner managers", format: "workshop", depth: "key-user", breadth: "Partner record, cases, reports; presenting the portal to partners.", "audience-type": "staff", "start-date": "2026-03-30", "end-date": "2026-04-02", trainer: COLE, completion: "100" },
      { audience: "Retail partners", format: "e-learning", depth: "awareness", breadth: "Portal case list and status updates.", "audience-type": "third-party", "start-date": "2026-08-03", "end-date": "2026-09-30", trainer: "Amira Shah", completion: "64" },
    ],
    "requirements.support": [
      { "support-need": "Help desk for agents and engineers", level: "First line, 8:00–20:00 weekdays, 9:00–13:00 Saturday", owner: RAMAN },
      { "support-need": "Platform and integration faults", level: "Second line by the vendor, four-hour response", owner: RAMAN },
      { "support-need": "Super-user on every shift", level: "Floor support for the first eight weeks", owner: BECKER },
    ],
    "requirements.scope-in": [
      { item: "Single customer and appliance record", notes: "All four segments." },
      { item: "Service case management", notes: "From report to confirmed fix, all channels." },
      { item: "Field engineer scheduling and mobile job closure", notes: "Stage 2." },
      { item: "Retail partner portal", notes: "Stage 2; case status and statements." },
      { item: "Management dashboards", notes: "Service, field and partner KPIs." },
      { item: "Data migration from the spreadsheet, web shop and ERP", notes: "Open cases and closed cases since April 2024; households; partner and association accounts." },
    ],
    "requirements.scope-out": [
      { item: "Replacing the ERP or finance systems", notes: "Integrated, not replaced." },
      { item: "Marketing automation beyond service messages", notes: "Reviewed after Stage 3." },
      { item: "Telephony upgrade", notes: "Separate project, moved to September 2026." },
    ],
    "requirements.assumptions": [
      { assumption: "Engineers receive their rugged tablets before their Stage 2 training in June 2026", notes: "60 tablets ordered in January 2026." },
      { assumption: "The ERP's API supports parts reservations", notes: "Confirmed by the ERP vendor in November 2025." },
      { assumption: "Team members have two days a week for the programme until go-live", notes: "Agreed with each member's line manager when the team was formed in September 2025." },
    ],
    "requirements.risks": [
      { risk: "Engineers resist being tracked", likelihood: "4", impact: "4", mitigation: "Co-design the screens; scorecard rewards fixes, not speed; union briefed early.", owner: BECKER },
      { risk: "Poor quality of the case spreadsheet delays migration", likelihood: "3", impact: "3", mitigation: "Deduplicate in January; migrate every open case and closed cases since April 2024 (two years); archive older rows read-only.", owner: RAMAN },
      { risk: "Winter peak leaves no time for agent training", likelihood: "3", impact: "3", mitigation: "Train in March and April after the peak; go live after training.", owner: OSEI },
      { risk: "Partners do not use the portal", likelihood: "2", impact: "3", mitigation: "Partner managers present it; monthly statement only in the portal.", owner: "Amira Shah" },
    ],
    "requirements.plan": [
      { milestone: "Scope approved", "start-date": "2025-10-20", "end-date": "2025-12-12", owner: OSEI },
      { milestone: "Software and partner selection", "start-date": "2025-12-15", "end-date": "2026-01-30", owner: RAMAN },
      { milestone: "Configuration and prototypes", "start-date": "2026-02-02", "end-date": "2026-03-27", owner: RAMAN },
      { milestone: "Training (Stage 1 users)", "start-date": "2026-03-16", "end-date": "2026-04-03", owner: OSEI },
      { milestone: "User acceptance test and pilot", "start-date": "2026-03-30", "end-date": "2026-04-03", owner: BECKER },
      { milestone: "Go / no-go decision", "start-date": "2026-04-08", "end-date": "2026-04-08", owner: ELLIS },
      { milestone: "Go-live, Stage 1", "start-date": "2026-04-20", "end-date": "2026-04-20", owner: RAMAN },
      { milestone: "Stage 2: field service and partner portal", "start-date": "2026-06-01", "end-date": "2026-12-31", owner: BECKER },
      { milestone: "Six-month review", "start-date": "2026-10-20", "end-date": "2026-11-10", owner: COLE },
    ],
    "requirements.budget": BUDGET.map(([item, amount, notes]) => ({ item, amount: String(amount), notes })),

    // --- 5. Selection ---------------------------------------------------------------------------
    "selection.candidates": [
      { name: "Meridian Service Cloud", kind: "product", offering: "Service, field-service and partner-portal modules, Enterprise edition, hosted in the UK", status: "chosen", reason: "Short-listed: service, field service and the partner portal on one platform, an offline mobile app, UK hosting. Chosen: the highest fit and demo scores and the strongest references.", cost: "836000", references: "5", "partner-strength": "5" },
      { name: "Keystone CRM", kind: "product", offering: "Keystone Service edition with a scheduling add-on from a Keystone partner", status: "short-list", reason: "Short-listed: strong case management and the lowest price. Not chosen: engineers' offline job closure would be a custom app (R6) and scheduling comes from a third-party add-on (R5).", cost: "733000", references: "3", "partner-strength": "3" },
      { name: "Brightdesk Service Suite", kind: "product", offering: "Brightdesk Service Pro with the vendor's own implementation services", status: "short-list", reason: "Short-listed: a strong service desk and built-in surveys. Not chosen: no engineer scheduling (R5, a must-have).", cost: "540000", references: "4", "partner-strength": "3" },
      { name: "Tallis CRM Essentials", kind: "product", offering: "Sales and service CRM, small-business edition", status: "rejected", reason: "Long list only: no engineer scheduling and no offline mobile app; engineers would need a second product." },
      { name: "Corvel ERP CRM module", kind: "product", offering: "CRM add-on to the ERP, offered by the ERP vendor in 2024", status: "rejected", reason: "Offered by the ERP vendor before the strategy and requirements were written. It follows the vendor's order-to-cash model rather than our service process and has no offline mobile app; it was kept out of the request for proposal so that our requirements, not a vendor, lead the choice." },
      { name: "Pennant Digital", kind: "partner", offering: "Meridian implementation: configuration, integration, data migration and Stage 2 field service", status: "chosen", reason: "Meridian partner in Leeds; four UK field-service implementations. Stage 1 at a fixed £164,000 and Stage 2 estimated at £82,000 on time and materials.", cost: "246000", references: "5", "partner-strength": "5" },
      { name: "Clearway Consulting", kind: "partner", offering: "Keystone implementation with its scheduling add-on", status: "short-list", reason: "Keystone's proposed partner. Not chosen with Keystone; its offline app would be its first.", cost: "221000", references: "4", "partner-strength": "3" },
      { name: "Stackford Solutions", kind: "partner", offering: "General CRM integration services", status: "rejected", reason: "Long list only: no field-service implementation in the UK in the last three years." },
    ],
    "selection.vendor-responses": (
      [
        // [product, R, fit, effort (person-days), cost (GBP), comment, remedy]
        ["Meridian Service Cloud", 1, "customisation", 8, 6400, "Customer, appliance and warranty records are standard; warranty rules for appliances sold before 2019 need a rule set.", "Pennant Digital imports the pre-2019 warranty table and adds a rule set in Stage 1; agents check the old table by hand until it is live."],
        ["Meridian Service Cloud", 2, "standard", 4, 0, "Case owner, age and status are standard; closure needs the customer's confirmation (configured).", ""],
        ["Meridian Service Cloud", 3, "configuration", 6, 0, "Knowledge articles shown beside the case by appliance family; the 120 guides are imported.", ""],
        ["Meridian Service Cloud", 4, "third-party", 3, 2400, "Survey through the text gateway's connector, paid per message.", ""],
        ["Meridian Service Cloud", 5, "standard", 12, 0, "Scheduling by skill and area in two-hour slots; van stock check before the visit.", ""],
        ["Meridian Service Cloud", 6, "configuration", 10, 0, "The mobile app works offline; part-used and root-cause lists are configured.", ""],
        ["Meridian Service Cloud", 7, "configuration", 14, 0, "Partner portal shows each partner only their customers' cases and statements.", ""],
        ["Meridian Service Cloud", 8, "standard", 6, 0, "Dashboards by age, region, first-time fix and partner.", ""],
        ["Meridian Service Cloud", 9, "customisation", 20, 16000, "Booking against live calendars through the portal's interface; planned for Stage 3.", ""],
        ["Keystone CRM", 1, "customisation", 10, 7500, "Records standard; pre-2019 warranty rules need custom logic.", "Clearway Consulting writes the rule set in Stage 1."],
        ["Keystone CRM", 2, "standard", 5, 0, "Standard case management.", ""],
        ["Keystone CRM", 3, "standard", 5, 0, "Knowledge base on the case screen.", ""],
        ["Keystone CRM", 4, "configuration", 4, 0, "Survey sent by a workflow on closure.", ""],
        ["Keystone CRM", 5, "third-party", 25, 38000, "Scheduling through a partner's add-on; the parts check needs an integration.", ""],
        ["Keystone CRM", 6, "customisation", 45, 36000, "Offline closure needs a custom mobile app built on our toolkit.", "Clearway Consulting builds the offline app in Stage 2; engineers use the online app where there is signal until then."],
        ["Keystone CRM", 7, "customisation", 30, 24000, "Portal pages built on our community product.", ""],
        ["Keystone CRM", 8, "configuration", 8, 0, "Dashboards configured from standard reports.", ""],
        ["Keystone CRM", 9, "customisation", 25, 20000, "Online booking built on the portal.", ""],
        ["Brightdesk Service Suite", 1, "customisation", 12, 9000, "Records standard; pre-2019 warranty rules need custom logic.", ""],
        ["Brightdesk Service Suite", 2, "standard", 4, 0, "Standard case management.", ""],
        ["Brightdesk Service Suite", 3, "standard", 4, 0, "Knowledge base on the case screen.", ""],
        ["Brightdesk Service Suite", 4, "standard", 2, 0, "Built-in surveys by text and email.", ""],
        ["Brightdesk Service Suite", 5, "not-supported", 0, 0, "No engineer scheduling; we recommend a separate scheduling product.", ""],
        ["Brightdesk Service Suite", 6, "third-party", 15, 12000, "Offline closure through a partner's mobile app.", ""],
        ["Brightdesk Service Suite", 7, "customisation", 28, 21000, "Portal pages built on our web toolkit.", ""],
        ["Brightdesk Service Suite", 8, "configuration", 6, 0, "Dashboards configured from standard reports.", ""],
        ["Brightdesk Service Suite", 9, "configuration", 10, 0, "Online requests standard; slot booking configured.", ""],
      ] as Array<[string, number, string, number, number, string, string]>
    ).map(([vendor, r, fit, effort, cost, comment, remedy]) => ({
      vendor: `@selection.candidates=${vendor}`,
      requirement: `@requirements.register#${r}`,
      fit,
      ...(fit === "not-supported" ? {} : { effort: String(effort), cost: String(cost) }),
      comment,
      ...(remedy ? { remedy } : {}),
    })),
    "selection.rfp-timetable": [
      { event: "Short list for demonstrations announced", date: "2026-01-14" },
      { event: "Demonstrations on our scripts, Leeds", date: "2026-01-19" },
      { event: "Reference calls completed", date: "2026-01-23" },
      { event: "Decision", date: "2026-01-27" },
      { event: "Contract signed and Stage 1 build starts", date: "2026-02-09" },
    ],
    "selection.non-functional": [
      { requirement: "All customer data hosted in the UK, with backups in the UK.", category: "hosting" },
      { requirement: "Processing under UK GDPR with a signed data processing agreement; ISO/IEC 27001 certification; single sign-on with our existing accounts.", category: "security-and-data-protection" },
      { requirement: "The engineers' app works offline for a full day and synchronises within five minutes of a signal.", category: "performance" },
      { requirement: "Subscription prices fixed for at least three years; all our data exportable in a standard format at the end of the contract.", category: "licensing-and-contract" },
    ],
    "selection.demo-scripts": [
      { script: "Phone fault to engineer booking", scenario: "A household calls about a washing machine bought on the web shop. The agent finds the appliance by serial number, sees the warranty, tries the fault guide, then books a two-hour engineer slot with the likely part checked against the van stock; the customer receives the slot text.", touchpoint: "@goals.touchpoints#1", requirement: "@requirements.register#5" },
      { script: "Partner fault email to a case the partner follows", scenario: "An independent retailer emails a fault on their customer's behalf. The email becomes a case on the customer's record within two minutes, and the retailer sees its status and next visit date in the portal.", touchpoint: "@goals.touchpoints#2", requirement: "@requirements.register#7" },
      { script: "Offline job closure", scenario: "An engineer with no signal closes the job on the tablet, choosing the part used and the root cause. The case updates when the tablet reconnects, and the satisfaction text goes the next day.", touchpoint: "@goals.touchpoints#3", requirement: "@requirements.register#6" },
      { script: "Chain buyer's service review", scenario: "The account manager prepares the quarterly review for a national chain: open cases by age, first-time fix and satisfaction for that chain's customers, from the dashboards and without a spreadsheet.", touchpoint: "@goals.touchpoints#4", requirement: "@requirements.register#8" },
    ],
    "selection.demo-scores": (
      [
        ["Meridian Service Cloud", [[5, 4, 5], [4, 4, 5], [5, 5, 4], [4, 4, 4]]],
        ["Keystone CRM", [[4, 4, 4], [3, 3, 4], [2, 2, 3], [4, 5, 4]]],
        ["Brightdesk Service Suite", [[4, 4, 3], [3, 4, 3], [3, 2, 3], [5, 4, 5]]],
      ] as Array<[string, number[][]]>
    ).flatMap(([vendor, scripts]) =>
      scripts.flatMap((scores, s) =>
        scores.map((score, i) => ({
          vendor: `@selection.candidates=${vendor}`,
          script: `@selection.demo-scripts#${s + 1}`,
          scorer: [BECKER, RAMAN, "Amira Shah"][i]!,
          score: String(score),
          ...(vendor === "Keystone CRM" && s === 2 && i === 1 ? { comment: "Showed the online app only; offline would be built for us." } : {}),
          ...(vendor === "Brightdesk Service Suite" && s === 0 && i === 0 ? { comment: "Booking shown in a separate scheduling product." } : {}),
        })),
      ),
    ),
    "selection.evaluation-weights": [
      { criterion: "fit", weight: "40", why: "The board approved these requirements; must-haves weigh three times could-haves." },
      { criterion: "demo", weight: "25", why: "Our own scripts, scored by the people who will use the system." },
      { criterion: "cost", weight: "15", why: "Five-year total of each option: subscription, the partner's implementation, support and training; every short-listed option fits the approved budget." },
      { criterion: "references", weight: "10", why: "Two reference calls per product on first-time fix and support." },
      { criterion: "partner", weight: "10", why: "The partner configures and integrates; field-service experience in the UK matters." },
    ],

    // --- 5. Customisation ----------------------------------------------------------------------
    "customisation.environments": [
      { component: "CRM service and field-service modules", environment: "test", version: "2026 wave 1", status: "in-use", owner: RAMAN },
      { component: "CRM service and field-service modules", environment: "training", version: "2026 wave 1", status: "in-use", owner: RAMAN },
      { component: "CRM service and field-service modules", environment: "production", version: "2026 wave 1", status: "in-use", owner: RAMAN },
      { component: "ERP integration service", environment: "production", version: "1.2", status: "in-use", owner: RAMAN },
    ],
    "customisation.security-roles": [
      { role: "Service agent", "user-group": "Service centre agents", "access-rights": "Read and edit customers, appliances and cases; no exports.", notes: "25 users." },
      { role: "Field engineer", "user-group": "Field service engineers", "access-rights": "Own visits, customer and appliance history, job closure.", notes: "60 users; tablets only." },
      { role: "Partner manager", "user-group": "Retail partner managers", "access-rights": "Partner accounts, their cases and orders; reports.", notes: "14 users." },
      { role: "Marketing", "user-group": "Marketing team", "access-rights": "Customers with consent, campaigns; no case notes.", notes: "6 users." },
    ],
    "customisation.design-sessions": [
      { session: "Case screen for the service centre", date: "2026-01-14", kind: "design-session", attendees: `${BECKER}, Chloe Brennan, Marcus Hale`, decisions: "One screen per case with the appliance, warranty and engineer slot; the two-hour slot shown to the agent while on the phone." },
      { session: "Partner portal views", date: "2026-02-04", kind: "design-session", attendees: "Amira Shah, Sophie Turner", decisions: "Partners see their own customers' repairs only, with status and the booked slot; no prices." },
      { session: "Case screen, second build", date: "2026-02-25", kind: "prototype-review", attendees: `${BECKER}, Chloe Brennan, Marcus Hale, Nadia Brooks`, decisions: "Duplicate warning moved above the save button; consent fields made mandatory for new households." },
    ],
    "customisation.build-log": [
      { item: "Customer and appliance record", type: "screen", requirement: "@requirements.register#1", customisation: "@requirements.customisations#1", status: "done" },
      { item: "Case workflow with owner and ageing", type: "workflow", requirement: "@requirements.register#2", status: "done" },
      { item: "Fault guide panel on the case", type: "screen", requirement: "@requirements.register#3", status: "done" },
      { item: "Satisfaction survey after closure", type: "workflow", requirement: "@requirements.register#4", status: "done" },
      { item: "Warranty check for pre-2019 appliances", type: "workflow", requirement: "@requirements.register#1", status: "in-progress", notes: "Failed in UAT; fix due 30 April (go condition)." },
      { item: "Association booking reference", type: "screen", requirement: "@requirements.register#2", customisation: "@requirements.customisations#4", status: "done" },
      { item: "Service dashboards", type: "report", requirement: "@requirements.register#8", status: "done" },
      { item: "Case confirmation email and slot text", type: "document-template", requirement: "@requirements.register#2", status: "done" },
      { item: "Engineer job closure on tablet", type: "screen", requirement: "@requirements.register#6", customisation: "@requirements.customisations#2", status: "prototype-shown", notes: "Stage 2." },
      { item: "Partner portal case list", type: "screen", requirement: "@requirements.register#7", customisation: "@requirements.customisations#3", status: "prototype-shown", notes: "Stage 2." },
    ],
    "customisation.integrations": [
      { integration: "ERP partners and orders", "integration-point": "@requirements.integration-points#1", method: "api", status: "tested" },
      { integration: "Web-shop customers and registrations", "integration-point": "@requirements.integration-points#2", method: "api", status: "tested" },
      { integration: "Text messages", "integration-point": "@requirements.integration-points#3", method: "api", status: "tested" },
    ],
    "customisation.test-results": [
      { test: "Customer record: search, merge, appliances", area: "application", requirement: "@requirements.register#1", date: "2026-03-18", result: "passed", tester: RAMAN },
      { test: "Case workflow end to end", area: "application", requirement: "@requirements.register#2", date: "2026-03-19", result: "passed", tester: BECKER },
      { test: "Trial migration of all three sources", area: "data-migration", date: "2026-03-20", result: "passed-with-issues", issues: "4.2% of records rejected (mainly spreadsheet rows without a postcode); fixed by hand before the final migration.", tester: RAMAN },
      { test: "ERP and web-shop integration", area: "integration", date: "2026-03-20", result: "passed", tester: RAMAN },
      { test: "Tablet offline sync", area: "remote-access", requirement: "@requirements.register#6", date: "2026-03-20", result: "passed", tester: RAMAN },
      { test: "Service dashboards against the spreadsheet figures", area: "reports", requirement: "@requirements.register#8", date: "2026-03-24", result: "passed", tester: OSEI },
      { test: "Security roles", area: "security", date: "2026-03-25", result: "passed", tester: RAMAN },
    ],
    "customisation.training-materials": [
      { material: "Agent handbook", audience: "Service centre agents", format: "handbook", status: "ready", owner: COLE },
      { material: "Case screen quick reference", audience: "Service centre agents", format: "quick-reference", status: "ready", owner: COLE },
      { material: "Tablet how-to videos", audience: "Field service engineers", format: "video", status: "ready", owner: RAMAN },
      { material: "Partner portal e-learning", audience: "Retail partners", format: "e-learning", status: "ready", owner: "Amira Shah" },
    ],
    "customisation.uat-scenarios": [
      ["Open a case for a web-shop household by phone", 2, "passed"],
      ["Find an appliance by serial number and see its warranty", 1, "passed"],
      ["Warranty check for an appliance sold in 2017", 1, "failed"],
      ["Merge two duplicate household records", 1, "passed"],
      ["Open a case from a partner email", 2, "passed"],
      ["Use a fault guide and close the case by phone", 3, "passed"],
      ["Book an engineer slot and send the text", 2, "passed"],
      ["Close a case and send the satisfaction text", 4, "passed"],
      ["Book a visit for a housing association tenant", 2, "passed"],
      ["Read the open-cases dashboard", 8, "passed"],
    ].map(([scenario, req, status]) => ({
      scenario: String(scenario),
      requirement: `@requirements.register#${req}`,
      steps: "As written in the UAT pack, run by an agent with test data.",
      "expected-result": "The result described in the UAT pack, with no workaround.",
      status: String(status),
      tester: BECKER,
    })),

    // --- 6. Deployment -------------------------------------------------------------------------
    "deployment.training-sessions": [
      { session: "Agents, group A", audience: "Service centre agents", date: "2026-03-17", trainer: COLE, attendees: "13", status: "held", feedback: "Practical; wanted more time on merging duplicates." },
      { session: "Agents, group B", audience: "Service centre agents", date: "2026-03-24", trainer: COLE, attendees: "12", status: "held", feedback: "Good; fault guides well received." },
      { session: "Engineers, North region", audience: "Field service engineers", date: "2026-06-10", trainer: "Implementation partner trainer", attendees: "20", status: "held" },
      { session: "Engineers, Midlands region", audience: "Field service engineers", date: "2026-06-17", trainer: "Implementation partner trainer", attendees: "19", status: "held", feedback: "Half a day is too short for the tablet." },
      { session: "Engineers, South region", audience: "Field service engineers", date: "2026-06-24", trainer: "Implementation partner trainer", attendees: "18", status: "held" },
      { session: "Partner managers", audience: "Retail partner managers", date: "2026-04-01", trainer: COLE, attendees: "14", status: "held" },
      { session: "Marketing team", audience: "Marketing team", date: "2026-04-02", trainer: RAMAN, attendees: "6", status: "held" },
    ],
    "deployment.procedure-changes": [
      { procedure: "Fault handling", change: "Every fault is a case on the customer record; the spreadsheet is closed.", owner: BECKER, "effective-date": "2026-04-20" },
      { procedure: "Case closure", change: "Closed only after the customer confirms the fix.", owner: BECKER, "effective-date": "2026-04-20" },
      { procedure: "Partner fault intake", change: "Partner emails are turned into cases within two hours.", owner: "Amira Shah", "effective-date": "2026-04-20" },
      { procedure: "Association visits", change: "No visit without the landlord's booking reference.", owner: BECKER, "effective-date": "2026-04-20" },
    ],
    "deployment.uat-results": [
      ["UAT-01", 1, "passed", "none", "", "2026-03-30"],
      ["UAT-02", 2, "passed", "none", "", "2026-03-30"],
      ["UAT-03", 3, "failed", "minor", "Warranty shown as expired for appliances sold before 2019; workaround: agent checks the old warranty table.", "2026-03-31"],
      ["UAT-04", 4, "passed", "none", "", "2026-03-31"],
      ["UAT-05", 5, "passed-with-issues", "minor", "Partner email attachments over 10 MB are not attached to the case.", "2026-04-01"],
      ["UAT-06", 6, "passed", "none", "", "2026-04-01"],
      ["UAT-07", 7, "passed", "none", "", "2026-04-02"],
      ["UAT-08", 8, "passed", "none", "", "2026-04-02"],
      ["UAT-09", 9, "passed", "none", "", "2026-04-03"],
      ["UAT-10", 10, "passed", "none", "", "2026-04-03"],
    ].map(([run, scenario, result, severity, issue, date]) => ({
      run: String(run),
      scenario: `@customisation.uat-scenarios#${scenario}`,
      result: String(result),
      severity: String(severity),
      issue: String(issue),
      tester: Number(scenario) % 2 ? BECKER : "Service centre pilot agents",
      date: String(date),
    })),
    "deployment.go-conditions": [
      { condition: "Warranty check for appliances sold before 2019 fixed and retested", owner: RAMAN, "due-date": "2026-04-30" },
      { condition: "Delta migration of changes since 5 April verified on 18 April", owner: RAMAN, "due-date": "2026-04-18" },
    ],
    "deployment.go-participants": [
      { name: ELLIS, role: "Managing Director, executive sponsor", vote: "go" },
      { name: OSEI, role: "Project manager", vote: "go" },
      { name: RAMAN, role: "IT Systems Manager", vote: "go" },
      { name: BECKER, role: "Head of Customer Service", vote: "go" },
      { name: WHITFIELD, role: "Finance Director", vote: "go" },
      { name: COLE, role: "CRM consultant (advisory)", vote: "abstain" },
    ],
    "deployment.support-team": [
      { name: "Service desk (IT)", role: "help-desk", responsibility: "First-line support, tickets, password resets", availability: "Weekdays 8:00–20:00, Saturday 9:00–13:00" },
      { name: RAMAN, role: "technical", responsibility: "Platform, integrations, vendor escalation", availability: "Weekdays 8:00–17:00" },
      { name: "Chloe Brennan", role: "key-user", responsibility: "Floor support, service centre day shift", availability: "Day shift" },
      { name: "Marcus Hale", role: "key-user", responsibility: "Floor support, service centre late shift", availability: "Late shift" },
    ],
    "deployment.support-mechanisms": [
      { mechanism: "Report a problem button", purpose: "Any user raises a ticket from the screen they are on.", "service-level": "Answer within two working days", owner: RAMAN },
      { mechanism: "Vendor support contract", purpose: "Platform faults and integration errors.", "service-level": "Four-hour response for severity 1", owner: RAMAN },
      { mechanism: "Daily champions' huddle (first eight weeks)", purpose: "Collect problems and share tips.", "service-level": "Daily at 8:45", owner: BECKER },
    ],
    "deployment.migration-log": [
      { "data-set": "Open and recent service cases", source: "@requirements.data-conversion#1", "records-migrated": "38420", "records-rejected": "310", cleansing: "Only open cases and cases since April 2024 migrated; appliance names mapped to 214 models.", "verified-by": BECKER, date: "2026-04-04" },
      { "data-set": "Households", source: "@requirements.data-conversion#2", "records-migrated": "46870", "records-rejected": "95", cleansing: "4,310 duplicates merged by email and postcode.", "verified-by": "Lucy Grant", date: "2026-04-04" },
      { "data-set": "Partner and association accounts", source: "@requirements.data-conversion#3", "records-migrated": "476", "records-rejected": "0", cleansing: "Four closed accounts left out.", "verified-by": RAMAN, date: "2026-04-05" },
    ],
    "deployment.rollout-waves": [
      { wave: "Wave 1: service centre", audience: "Service centre agents", "start-date": "2026-04-20", status: "done", champion: "@team.champions#1" },
      { wave: "Wave 2: partner managers and marketing", audience: "Retail partner managers and marketing team", "start-date": "2026-05-11", status: "done", champion: "@team.champions#5" },
      { wave: "Wave 3: field engineers on tablets", audience: "Field service engineers", "start-date": "2026-07-06", status: "in-progress", champion: "@team.champions#3" },
    ],
    "deployment.feedback": [
      { issue: "Large partner email attachments are dropped", "raised-by": "Pilot agent", date: "2026-04-01", category: "system", action: "Attachment limit raised to 25 MB.", status: "resolved" },
      { issue: "Agents unsure when to merge duplicates", "raised-by": "Chloe Brennan", date: "2026-04-02", category: "training", action: "One-page merge guide added to the quick reference.", status: "resolved" },
      { issue: "Warranty shown as expired for older appliances", "raised-by": BECKER, date: "2026-03-31", category: "data", action: "Old warranty table being imported (go condition).", status: "in-progress" },
    ],
    "deployment.closure-activities": [
      { activity: "Lessons-learned session for Stage 1", owner: OSEI, status: "done" },
      { activity: "Implementation partner's Stage 1 deliverables accepted", owner: RAMAN, status: "done" },
      { activity: "Case spreadsheet archived read-only", owner: RAMAN, status: "done" },
      { activity: "Stage 1 budget reconciled", owner: WHITFIELD, status: "done" },
    ],

    // --- 7. Review -----------------------------------------------------------------------------
    "review.usage-metrics": [
      { metric: "Cases logged in the CRM (not email or phone only)", unit: "%", period: "2026-07-20", baseline: "35", target: "95", actual: "88" },
      { metric: "Cases logged in the CRM (not email or phone only)", unit: "%", period: "2026-10-20", baseline: "35", target: "95", actual: "96" },
      { metric: "Customer records with a verified email", unit: "%", period: "2026-07-20", baseline: "54", target: "85", actual: "71" },
      { metric: "Customer records with a verified email", unit: "%", period: "2026-10-20", baseline: "54", target: "85", actual: "80" },
      { metric: "Duplicate customer records", unit: "%", period: "2026-07-20", baseline: "9", target: "2", actual: "3.5", notes: "After the migration merge." },
      { metric: "Duplicate customer records", unit: "%", period: "2026-10-20", baseline: "9", target: "2", actual: "2.2" },
    ],
    "review.adoption": [
      { period: "2026-07-20", group: "Service centre agents", active: "23", licensed: "25", notes: "Two agents on long leave." },
      { period: "2026-07-20", group: "Field service engineers", active: "31", licensed: "60", notes: "Wave 3 started on 6 July; tablets reached the North region first." },
      { period: "2026-07-20", group: "Retail partner managers", active: "9", licensed: "14" },
      { period: "2026-07-20", group: "Marketing team", active: "5", licensed: "6" },
      { period: "2026-10-20", group: "Service centre agents", active: "25", licensed: "25" },
      { period: "2026-10-20", group: "Field service engineers", active: "49", licensed: "60", notes: "South region still closing jobs on paper on some days." },
      { period: "2026-10-20", group: "Retail partner managers", active: "13", licensed: "14" },
      { period: "2026-10-20", group: "Marketing team", active: "6", licensed: "6" },
    ],
    "review.kpi-actuals": [
      { goal: "@goals.register#1", period: "2026-07-20", actual: "4.8" },
      { goal: "@goals.register#1", period: "2026-10-20", actual: "3.4", notes: "Three days reached in September; October slower as fault calls rose ahead of the winter peak." },
      { goal: "@goals.register#2", period: "2026-07-20", actual: "61" },
      { goal: "@goals.register#2", period: "2026-10-20", actual: "66" },
      { goal: "@goals.register#3", period: "2026-07-20", actual: "7.6" },
      { goal: "@goals.register#3", period: "2026-10-20", actual: "8.0" },
      { goal: "@goals.register#4", period: "2026-07-20", actual: "69", notes: "Tablets only in the North region so far." },
      { goal: "@goals.register#4", period: "2026-10-20", actual: "73" },
      { goal: "@goals.register#5", period: "2026-07-20", actual: "62" },
      { goal: "@goals.register#5", period: "2026-10-20", actual: "65" },
    ],
    "review.opportunities": [
      { opportunity: "Extended-cover offers to households out of warranty", benefit: "New service revenue; about 9,000 households a year reach the end of warranty.", effort: "medium", priority: "high" },
      { opportunity: "Parts planning from recorded root causes", benefit: "Fewer second visits; lower van stock.", effort: "medium", priority: "high" },
      { opportunity: "Online slot booking for households", benefit: "Fewer calls; part of Stage 3.", effort: "high", priority: "medium" },
      { opportunity: "Planned-maintenance contracts for housing associations", benefit: "Steady revenue, lower cost per visit.", effort: "low", priority: "medium" },
    ],
    "review.next-plan": [
      { action: "Second tablet training round for engineers", opportunity: "@review.opportunities#2", owner: BECKER, "start-date": "2027-01-11", "end-date": "2027-02-05" },
      { action: "Root-cause report to Product Engineering and parts planning", opportunity: "@review.opportunities#2", owner: "Graham Price", "start-date": "2027-01-04", "end-date": "2027-03-31" },
      { action: "Extended-cover offer pilot with 2,000 households", opportunity: "@review.opportunities#1", owner: "Lucy Grant", "start-date": "2027-02-01", "end-date": "2027-04-30" },
      { action: "Stage 3: online fault reporting and slot booking", opportunity: "@review.opportunities#3", owner: RAMAN, "start-date": "2027-04-01", "end-date": "2027-06-30" },
      { action: "Maintenance contract offer to the ten largest associations", opportunity: "@review.opportunities#4", owner: "Amira Shah", "start-date": "2027-01-18", "end-date": "2027-03-31" },
    ],
    "review.milestones": [
      { milestone: "Every service case closed in three days on average", measure: "Monthly average days to close a case ≤ 3 (goal 1, target 31 October 2026; reached a month early)", date: "2026-09-30", celebration: "Breakfast for the service centre with the Managing Director.", status: "celebrated" },
      { milestone: "80% of engineers active on tablets", measure: "Adoption report: active / licensed engineers ≥ 80%", date: "2026-10-20", celebration: "Named in the CRM bulletin; regional team lunch.", status: "reached" },
      { milestone: "First-time fix at 80%", measure: "Monthly first-time fix rate ≥ 80% (goal 4, target 31 March 2027)", date: "2027-03-31", celebration: "Service awards afternoon.", status: "planned" },
    ],
    "review.findings": [
      { finding: "The service centre works entirely in the CRM", area: "usage", evidence: "25 of 25 agents active; 96% of cases logged in the CRM in October.", impact: "positive" },
      { finding: "Cases close twice as fast as before", area: "benefits", evidence: "Average days to close fell from 6.5 to 3.4.", impact: "positive" },
      { finding: "Engineer adoption lags and first-time fix is short of target", area: "training", evidence: "49 of 60 engineers active; first-time fix 73% against 80%.", impact: "high" },
      { finding: "Duplicate records are almost at target", area: "data", evidence: "Duplicates down from 9% to 2.2%.", impact: "low" },
      { finding: "Partner managers review cases weekly but partners rarely log in", area: "process", evidence: "13 of 14 managers active; 64% of partners completed the portal e-learning.", impact: "medium" },
    ],
    "review.recommendations": [
      { recommendation: "Run a full-day tablet training round for engineers", finding: "@review.findings#3", rationale: "Half a day was too short (training feedback); engineers who use the parts check fix more faults first time.", priority: "high", owner: BECKER, "due-date": "2027-02-05" },
      { recommendation: "Send partners' monthly statements only through the portal", finding: "@review.findings#5", rationale: "Gives partners a reason to log in.", priority: "medium", owner: "Amira Shah", "due-date": "2027-01-31" },
      { recommendation: "Keep the weekly duplicate check until duplicates are below 2%", finding: "@review.findings#4", rationale: "Nearly at target; stopping now would let it rise again.", priority: "low", owner: RAMAN, "due-date": "2027-03-31" },
      { recommendation: "Publish the service centre's results in the partner newsletter", finding: "@review.findings#2", rationale: "Partners should know the service improved.", priority: "medium", owner: OSEI, "due-date": "2026-12-15" },
    ],
  },
};
