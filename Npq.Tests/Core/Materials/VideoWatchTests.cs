using Npq.Core.Materials;

namespace Npq.Tests.Core.Materials;

public sealed class VideoWatchTests
{
    [Test]
    public void SeekingPastAPart_DoesNotCountItAsWatched()
    {
        var map = VideoWatch.Merge(null, 100, [(0, 10), (90, 100)]);
        Assert.That(VideoWatch.PercentWatched(map, 100), Is.EqualTo(20));
    }

    [Test]
    public void WatchingAPartTwice_CountsItOnce()
    {
        var map = VideoWatch.Merge(null, 100, [(0, 50)]);
        map = VideoWatch.Merge(map, 100, [(20, 60)]);
        Assert.That(VideoWatch.PercentWatched(map, 100), Is.EqualTo(60));
    }

    [Test]
    public void RangesBeyondTheVideoAndNonsenseRangesAreIgnored()
    {
        var map = VideoWatch.Merge(null, 30, [(-5, 10), (25, 500), (20, 10), (double.NaN, 3)]);
        Assert.That(VideoWatch.PercentWatched(map, 30), Is.EqualTo(50));
    }

    [Test]
    public void NinetyPercentIsTheCompletionMark_AndAnUnreadableMapIsNothingWatched()
    {
        var map = VideoWatch.Merge(null, 20.4, [(0, 19)]);
        // A part second counts as a whole one: 19 of 21 seconds.
        Assert.That(VideoWatch.PercentWatched(map, 20.4), Is.EqualTo(90));
        Assert.That(VideoWatch.PercentWatched("%%%", 20), Is.EqualTo(0));
        Assert.That(VideoWatch.PercentWatched(map, 0), Is.EqualTo(0));
    }
}
