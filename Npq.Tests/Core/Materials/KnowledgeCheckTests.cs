using Npq.Core.Materials;

namespace Npq.Tests.Core.Materials;

public sealed class KnowledgeCheckTests
{
    private static readonly KnowledgeQuestion Single = new("q1", QuestionKind.MultipleChoice, "Which?",
        [new("a", "A", true, "Yes."), new("b", "B", false, "No."), new("c", "C", false, "No.")]);

    private static readonly KnowledgeQuestion Several = new("q2", QuestionKind.MultipleChoice, "Which two?",
        [new("a", "A", true, ""), new("b", "B", true, ""), new("c", "C", false, "")]);

    private static readonly KnowledgeQuestion TrueFalse = new("q3", QuestionKind.TrueFalse, "True?",
        [new("t", "True", false, "It is false."), new("f", "False", true, "Right.")]);

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Chosen(params (string Q, string[] Ids)[] answers) =>
        answers.ToDictionary(a => a.Q, a => (IReadOnlyList<string>)a.Ids);

    [Test]
    public void Mark_AQuestionIsRightOnlyWhenExactlyItsCorrectAnswersAreChosen()
    {
        var result = KnowledgeCheck.Mark([Single, Several, TrueFalse], Chosen(("q1", ["a"]), ("q2", ["a"]), ("q3", ["f"])));

        Assert.That(result.Questions.Select(q => q.Correct), Is.EqualTo(new[] { true, false, true }));
        Assert.That(result.ScorePercent, Is.EqualTo(66));
        Assert.That(result.Passed, Is.False);
    }

    [Test]
    public void Mark_AllRightPasses_AndUnknownOrMissingAnswersCountAsWrong()
    {
        Assert.That(KnowledgeCheck.Mark([Single, Several], Chosen(("q1", ["a"]), ("q2", ["b", "a"]))).ScorePercent, Is.EqualTo(100));
        var partial = KnowledgeCheck.Mark([Single, Several], Chosen(("q1", ["zzz"])));
        Assert.That(partial.ScorePercent, Is.EqualTo(0));
        Assert.That(partial.Questions[0].Chosen, Is.Empty, "an id the question does not offer is ignored");
    }

    [Test]
    public void Mark_ChoosingEveryAnswerIsNotRight()
    {
        Assert.That(KnowledgeCheck.Mark([Single], Chosen(("q1", ["a", "b", "c"]))).ScorePercent, Is.EqualTo(0));
    }

    [Test]
    public void ReadWrite_RoundTripsQuestions_AndUnreadableJsonIsNoQuestions()
    {
        var json = KnowledgeCheck.Write([Single, TrueFalse]);
        Assert.That(KnowledgeCheck.Read(json), Is.EqualTo(new[] { Single, TrueFalse }).Using<KnowledgeQuestion>((x, y) =>
            x.Id == y.Id && x.Kind == y.Kind && x.Prompt == y.Prompt && x.Options.SequenceEqual(y.Options)));
        Assert.That(KnowledgeCheck.Read("{not json"), Is.Empty);
        Assert.That(KnowledgeCheck.Read(""), Is.Empty);
    }

    [Test]
    public void Check_NamesEachProblemByField()
    {
        var noCorrect = Single with { Options = Single.Options.Select(o => o with { IsCorrect = false }).ToList() };
        var blank = Several with { Prompt = " " };
        var badTrueFalse = TrueFalse with { Options = [new("t", "True", true, ""), new("f", "False", true, "")] };

        var problems = KnowledgeCheck.Check([noCorrect, blank, badTrueFalse]);

        Assert.That(problems.Select(p => p.Field), Is.EquivalentTo(new[] { "Questions[0].Options", "Questions[1].Prompt", "Questions[2].Options" }));
        Assert.That(KnowledgeCheck.Check([]).Single().Message, Does.Contain("at least one question"));
        Assert.That(KnowledgeCheck.Check([Single, Several, TrueFalse]), Is.Empty);
    }

    [Test]
    public void Answers_RoundTrip()
    {
        var answers = Chosen(("q1", ["a"]), ("q2", ["a", "b"]));
        var read = KnowledgeCheck.ReadAnswers(KnowledgeCheck.WriteAnswers(answers));
        Assert.That(read["q2"], Is.EqualTo(new[] { "a", "b" }));
        Assert.That(KnowledgeCheck.ReadAnswers("nonsense"), Is.Empty);
    }
}
