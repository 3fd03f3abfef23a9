namespace Npq.Core.Enrolment;

/// <summary>A cohort with the numbers an admin and an applicant need: places taken, left and waiting.</summary>
public sealed record CohortSummary
{
    public required Cohort Cohort { get; init; }
    public required Course Course { get; init; }
    public string? DeliveryPartnerName { get; init; }
    public int Enrolled { get; init; }
    public int Waiting { get; init; }
    public int Pending { get; init; }

    public int PlacesLeft => Math.Max(0, Cohort.Capacity - Enrolled);

    public bool IsFull => PlacesLeft == 0;

    /// <summary>"5 of 66 places remain".</summary>
    public string PlacesText => IsFull
        ? $"Full: all {Cohort.Capacity} places taken"
        : PlacesLeft == 1 ? $"1 of {Cohort.Capacity} places remains" : $"{PlacesLeft} of {Cohort.Capacity} places remain";
}

public sealed record CohortPerson(int UserId, string DisplayName);

/// <summary>A cohort as a filter offers it: its id, its course's short code and its name (no counts of places or applications).</summary>
public sealed record CohortChoice(int Id, string CourseShortCode, string Name);

/// <summary>Cohorts to choose from (soonest first), and whether the provider has more than were listed.</summary>
public sealed record CohortChoices(IReadOnlyList<CohortChoice> Cohorts, bool More);

/// <summary>How the public list of open cohorts is narrowed: a course (its DfE identifier), a way of delivery, UK or international; each optional.</summary>
public sealed record OpenCohortFilter(string? Course = null, DeliveryModel? Delivery = null, bool? International = null)
{
    public static OpenCohortFilter All { get; } = new();
}

public static class DeliveryModelText
{
    public static string Label(this DeliveryModel model) => model switch
    {
        DeliveryModel.Online => "Online",
        DeliveryModel.Blended => "Blended (online and face to face)",
        DeliveryModel.FaceToFace => "Face to face",
        _ => model.ToString(),
    };
}

/// <summary>A face-to-face day as entered: a calendar date in the cohort's zone.</summary>
public sealed record CohortEventInput(DateOnly EventDate, string Title, string? VenueName);

/// <summary>What a cohort carries beside its own row: facilitators (users), venues and face-to-face events.</summary>
public sealed record CohortExtras(IReadOnlyList<int> FacilitatorUserIds, IReadOnlyList<string> Venues, IReadOnlyList<CohortEventInput> Events)
{
    public static readonly CohortExtras None = new([], [], []);

    /// <summary>The facilitators' names, when read back.</summary>
    public IReadOnlyList<CohortPerson> FacilitatorPeople { get; init; } = [];
}
