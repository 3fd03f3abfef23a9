using Microsoft.Extensions.Logging;
using Npq.Core.Time;

namespace Npq.Core.Accounts;

/// <summary>The zone to show as chosen (a confirmed zone, else the browser's guess when it is a real zone, else the zone on file) and whether it is confirmed.</summary>
public sealed record TimeZoneChoice(string? Selected, bool Confirmed);

/// <summary>A person's own time zone: guessed from their browser, confirmed by them from the list.</summary>
public sealed class TimeZoneSettings(IUserTimeZones timeZones, ILogger<TimeZoneSettings> logger)
{
    public async Task<TimeZoneChoice> GetAsync(int userId, string? guess, CancellationToken cancellationToken = default)
    {
        var current = await timeZones.GetAsync(userId, cancellationToken);
        var selected = current?.Confirmed == true ? current.TimeZone : ZonedTime.IsKnown(guess) ? guess : current?.TimeZone;
        return new TimeZoneChoice(selected, current?.Confirmed == true);
    }

    /// <summary>True when the person has a zone on file that they have not confirmed yet (so they are asked to).</summary>
    public async Task<bool> NeedsConfirmingAsync(int userId, CancellationToken cancellationToken = default) =>
        await timeZones.GetAsync(userId, cancellationToken) is { Confirmed: false };

    /// <summary>Saves and confirms the zone; false (nothing saved) when it is not one of <see cref="TimeZoneList.Ids"/>.</summary>
    public async Task<bool> ConfirmAsync(int userId, string? timeZone, CancellationToken cancellationToken = default)
    {
        if (!ZonedTime.IsKnown(timeZone) || !TimeZoneList.Ids.Contains(timeZone!))
        {
            return false;
        }

        await timeZones.SetAsync(userId, timeZone!, cancellationToken);
        logger.LogInformation("User {UserId} confirmed their time zone", userId);
        return true;
    }
}
