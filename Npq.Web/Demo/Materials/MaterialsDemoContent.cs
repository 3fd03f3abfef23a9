namespace Npq.Web.Demo.Materials;

/// <summary>A question of a demo knowledge check: the prompt, the answers (the first <see cref="Correct"/> index is right) and why.</summary>
public sealed record DemoQuestion(string Prompt, IReadOnlyList<string> Answers, int Correct, string WhyRight, string WhyWrong, bool TrueFalse = false);

/// <summary>One demo module: an area of the framework, what its page says, what it asks and checks.</summary>
public sealed record DemoModule(
    string Area,
    string Title,
    string Summary,
    string Page,
    string LinkTitle,
    string LinkUrl,
    string Reflection,
    IReadOnlyList<string> Statements,
    IReadOnlyList<DemoQuestion> Questions);

/// <summary>
/// The demo NPQSL programme: ten modules, one per area of the framework, each with a page, a handout, a short captioned
/// video, a link, a reflection prompt and a knowledge check. Written for the demo; not DfE's text.
/// </summary>
public static class MaterialsDemoContent
{
    public static readonly IReadOnlyList<DemoModule> Modules =
    [
        new("school-culture", "Module 1: School culture", "Setting and sustaining the culture every pupil and adult works in.",
            """
            ## Why culture comes first
            A school's culture is what people do when nobody is checking. Leaders shape it less through statements of values
            than through **routines they protect**, the behaviour they model and the conversations they choose to have.

            ### This week
            1. Walk the school at three different times of day and note what the routines tell a newcomer.
            2. Compare what you saw with what your school's values say.
            3. Bring one example to the cohort discussion.
            """,
            "EEF: Improving behaviour in schools", "https://educationendowmentfoundation.org.uk/education-evidence/guidance-reports/behaviour",
            "Describe one routine in your school that expresses its values well, and one that works against them. What would you change first, and why?",
            ["sc-lt-1", "sc-lt-2", "sc-lh-1"],
            [
                new("Which of these most reliably shapes a school's culture?", ["The routines leaders protect and model", "A new mission statement", "A staff survey"], 0,
                    "Culture is carried by what people repeatedly do, and leaders' routines set that.", "Statements and surveys can describe a culture; they rarely change it on their own."),
                new("High expectations mean the same support for every pupil.", ["True", "False"], 1,
                    "High expectations are held for all, but the support to meet them differs.", "The expectation is shared; the support is not uniform.", TrueFalse: true),
            ]),
        new("teaching", "Module 2: Teaching", "What cognitive science suggests about how pupils learn, and what leaders do with it.",
            """
            ## Memory and practice
            Working memory is small and easily overloaded; long-term memory is where learning lasts. Teaching that introduces
            new material **in steps**, models it and then asks pupils to *retrieve* it after a gap tends to stick.

            > Leaders make this easier by protecting time for practice and by choosing one or two approaches to embed well.
            """,
            "EEF: Metacognition and self-regulated learning", "https://educationendowmentfoundation.org.uk/education-evidence/guidance-reports/metacognition",
            "Choose one lesson you observed recently. Where did pupils retrieve earlier learning, and where could they have? What would you ask the teacher?",
            ["te-lt-7", "te-lt-12", "te-lh-1"],
            [
                new("Spacing practice so pupils revisit ideas after a gap is likely to…", ["Strengthen recall", "Waste lesson time", "Confuse pupils"], 0,
                    "Spaced retrieval is one of the better-evidenced ways to strengthen memory.", "The evidence points the other way: revisiting after a gap helps recall."),
                new("Working memory has a large capacity that rarely limits learning.", ["True", "False"], 1,
                    "Working memory is limited, so new material is best introduced in steps.", "Its capacity is small and can be overloaded.", TrueFalse: true),
            ]),
        new("curriculum-and-assessment", "Module 3: Curriculum and assessment", "Sequencing knowledge and checking what pupils have learned.",
            """
            ## A curriculum is a sequence
            A well-planned curriculum names the **essential concepts** of each subject and orders them so that later ideas
            build on earlier ones. Assessment then asks a simple question: *have pupils learned what we meant them to?*

            Keep assessments purposeful — every piece of data collected should be used.
            """,
            "EEF: Teacher feedback to improve pupil learning", "https://educationendowmentfoundation.org.uk/education-evidence/guidance-reports/feedback",
            "Pick one unit from a subject you lead or support. What must pupils know before it, and how would you find out whether they do?",
            ["ca-lt-1", "ca-lt-4", "ca-lh-1"],
            [
                new("Assessment data is most useful when it…", ["Informs a decision someone will act on", "Is collected as often as possible", "Is reported to parents termly"], 0,
                    "Data earns its cost when it changes what is taught or how.", "Frequency and reporting alone do not make data useful."),
                new("Curriculum sequencing matters because later ideas build on earlier ones.", ["True", "False"], 0,
                    "Prior knowledge is what new learning attaches to.", "Sequencing is precisely about building on what came before.", TrueFalse: true),
            ]),
        new("behaviour", "Module 4: Behaviour", "Calm, orderly environments built on clear routines and consistent follow-through.",
            """
            ## Consistency beats intensity
            Pupils behave well where expectations are **clear, taught and followed through** by every adult. A behaviour
            policy that staff apply differently teaches pupils that rules are negotiable.
            """,
            "EEF: Improving behaviour in schools (summary)", "https://educationendowmentfoundation.org.uk/education-evidence/guidance-reports/behaviour",
            "Where is behaviour policy applied least consistently in your school? What would help staff apply it the same way?",
            ["be-lt-1", "be-lt-4", "be-lh-1"],
            [
                new("Which does most to make a behaviour policy work?", ["Every adult following it through consistently", "Harsher sanctions", "Longer policy documents"], 0,
                    "Consistency is what makes expectations credible to pupils.", "Severity and length matter less than consistency."),
                new("Routines need to be taught explicitly, not just stated.", ["True", "False"], 0,
                    "Pupils learn routines by being taught and practising them.", "Stating a routine is rarely enough.", TrueFalse: true),
            ]),
        new("send", "Module 5: Additional and special educational needs", "High-quality teaching first, with targeted support that is reviewed.",
            """
            ## Start with high-quality teaching
            Most pupils with SEND benefit from the same **high-quality teaching** as their peers, adapted where needed.
            Targeted interventions work best when they are time-limited, linked to classroom learning and reviewed.
            """,
            "EEF: Special educational needs in mainstream schools", "https://educationendowmentfoundation.org.uk/education-evidence/guidance-reports/send",
            "Think of one pupil receiving an intervention. How do you know it is working, and how is it connected to their lessons?",
            ["send-lt-1", "send-lt-3", "send-lh-1"],
            [
                new("Targeted interventions work best when they are…", ["Time-limited, linked to lessons and reviewed", "Open-ended and separate from lessons", "Delivered only by teaching assistants"], 0,
                    "Links to the classroom and regular review keep interventions purposeful.", "Open-ended, disconnected support tends to drift."),
                new("Pupils with SEND need an entirely different kind of teaching from their peers.", ["True", "False"], 1,
                    "Most benefit from high-quality teaching, adapted.", "The evidence favours high-quality teaching for all, adapted where needed.", TrueFalse: true),
            ]),
        new("professional-development", "Module 6: Professional development", "Designing development that changes what teachers do.",
            """
            ## Mechanisms, not events
            Professional development changes practice when it **builds knowledge, motivates, develops techniques and embeds
            them** — through modelling, feedback and rehearsal over time, not a one-off training day.
            """,
            "EEF: Effective professional development", "https://educationendowmentfoundation.org.uk/education-evidence/guidance-reports/effective-professional-development",
            "Describe the last piece of professional development you led or attended. Which mechanisms did it use, and which were missing?",
            ["pd-lt-1", "pd-lt-5", "pd-lh-1"],
            [
                new("Which is most likely to change classroom practice?", ["Rehearsal with feedback over time", "A single inspirational talk", "Reading a policy"], 0,
                    "Practice with feedback helps new techniques stick.", "One-off events rarely change habits."),
                new("Professional development should be sustained over time.", ["True", "False"], 0,
                    "Sustained programmes give time to embed practice.", "Short, isolated events seldom change practice.", TrueFalse: true),
            ]),
        new("organisational-management", "Module 7: Organisational management", "Priorities, time and resources managed so staff can focus on teaching.",
            """
            ## Protect what matters
            Every new initiative costs staff time. Good organisational management **prioritises ruthlessly**, removes
            work that does not help pupils, and communicates decisions clearly.
            """,
            "DfE: School workload reduction toolkit", "https://www.gov.uk/guidance/school-workload-reduction-toolkit",
            "List three tasks staff in your school do that add little for pupils. Which one would you stop, and how would you tell people?",
            ["om-lt-1", "om-lt-3", "om-lh-1"],
            [
                new("Before adding a new initiative, a leader should first…", ["Decide what it replaces or removes", "Announce it to all staff", "Buy new resources"], 0,
                    "Capacity is finite; something has to give.", "Announcing or resourcing it first ignores its cost in time."),
                new("Reducing unnecessary workload can help retain staff.", ["True", "False"], 0,
                    "Workload is a leading reason teachers give for leaving.", "Workload and retention are closely linked.", TrueFalse: true),
            ]),
        new("implementation", "Module 8: Implementation", "Explore, prepare, deliver, sustain: putting a change into practice well.",
            """
            ## Implementation is a process
            Changes fail less from the idea than from how they are introduced. Work through **explore, prepare, deliver and
            sustain**, define the *active ingredients*, and monitor fidelity before judging impact.
            """,
            "EEF: A school's guide to implementation", "https://educationendowmentfoundation.org.uk/education-evidence/guidance-reports/implementation",
            "Name a change your school made that faded. Which stage of implementation was rushed or skipped?",
            ["im-lt-1", "im-lt-4", "im-lh-1"],
            [
                new("The 'active ingredients' of an approach are…", ["The parts that must be kept for it to work", "Its optional extras", "Its budget lines"], 0,
                    "Knowing them tells you what must not be adapted away.", "They are the essential features, not extras."),
                new("Impact should be judged before checking the approach was delivered as intended.", ["True", "False"], 1,
                    "Check fidelity first, or you cannot tell an idea that failed from one never tried.", "Fidelity comes before judgement of impact.", TrueFalse: true),
            ]),
        new("working-in-partnership", "Module 9: Working in partnership", "Parents, carers and other schools as partners in pupils' learning.",
            """
            ## Partnership with families
            Communication with parents works best when it is **specific, regular and two-way** — about what their child is
            learning and how they can help — rather than general newsletters alone.
            """,
            "EEF: Working with parents to support children's learning", "https://educationendowmentfoundation.org.uk/education-evidence/guidance-reports/supporting-parents",
            "How does your school talk with families who rarely come in? What one change would make that conversation two-way?",
            ["wp-lt-1", "wp-lt-2", "wp-lh-1"],
            [
                new("Communication with parents is most helpful when it is…", ["Specific to their child's learning", "Only about behaviour", "Limited to reports"], 0,
                    "Specific information helps parents support learning at home.", "Narrow or infrequent messages give parents little to act on."),
                new("Partnerships with other schools can share expertise and capacity.", ["True", "False"], 0,
                    "Collaboration lets schools draw on each other's strengths.", "Partnership is one way schools extend their capacity.", TrueFalse: true),
            ]),
        new("governance-and-accountability", "Module 10: Governance and accountability", "Working with governors and trustees, and being accountable well.",
            """
            ## Accountability that helps
            Governors hold leaders to account and support them. Give them **clear, honest information** about strengths and
            weaknesses, and be clear about who decides what.
            """,
            "DfE: Governance guide", "https://www.gov.uk/government/publications/governance-handbook",
            "What information do your governors receive? What would they need to ask sharper questions?",
            ["ga-lt-1", "ga-lt-2", "ga-lh-1"],
            [
                new("Governors are best served by information that is…", ["Clear and honest about weaknesses", "As long as possible", "Only positive"], 0,
                    "Honest information lets governors challenge and support well.", "Volume or spin makes scrutiny harder."),
                new("Clarity about who decides what helps governance work.", ["True", "False"], 0,
                    "Clear roles avoid both gaps and overlaps.", "Unclear roles make accountability harder.", TrueFalse: true),
            ]),
    ];
}
