namespace Npq.Core.Time;

/// <summary>The IANA zones people choose from, sorted, built once.</summary>
public static class TimeZoneList
{
    public static readonly IReadOnlyList<string> Ids = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.HasIanaId ? z.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : z.Id)
        .Where(ZonedTime.IsKnown)
        .Append("UTC")
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();
}
