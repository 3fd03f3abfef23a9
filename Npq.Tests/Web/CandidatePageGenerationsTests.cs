using Moq;
using Npq.Data.Infrastructure.Caching;
using Npq.Web.Infrastructure.Caching;

namespace Npq.Tests.Web;

/// <summary>The generations a kept page is filed under: a summary's key moves once, a little after the writes to it.</summary>
public sealed class CandidatePageGenerationsTests
{
    [Test]
    public async Task WroteSoon_ManyWritesWithinTheDelay_MoveTheKeyOnceAfterIt_AndTellTheOtherInstancesOnce()
    {
        var signals = new Mock<IInstanceSignals>();
        var generations = new CandidatePageGenerations(signals.Object, TimeSpan.FromMilliseconds(500));

        generations.WroteSoon("topicId:7");
        generations.WroteSoon("topicId:7");
        generations.WroteSoon("topicId:7", "topicId:8");
        var straightAway = (generations.Of("topicId:7"), generations.Of("topicId:8"));
        for (var i = 0; i < 200 && generations.Of("topicId:8") == 0; i++)
        {
            await Task.Delay(25);
        }

        await Task.Delay(700);
        Assert.Multiple(() =>
        {
            Assert.That(straightAway, Is.EqualTo((0L, 0L)), "not at once");
            Assert.That((generations.Of("topicId:7"), generations.Of("topicId:8")), Is.EqualTo((1L, 1L)), "once each, after the delay");
            Assert.That(generations.Of("threadId:7"), Is.Zero);
        });
        signals.Verify(s => s.Send("candidate-pages", "k:topicId:7"), Times.Once);
        signals.Verify(s => s.Send("candidate-pages", "k:topicId:8"), Times.Once);

        generations.WroteSoon("topicId:7");
        for (var i = 0; i < 200 && generations.Of("topicId:7") == 1; i++)
        {
            await Task.Delay(25);
        }

        Assert.That(generations.Of("topicId:7"), Is.EqualTo(2L), "a write after the move moves it again");
    }
}
