using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Enrolment;
using Npq.Web.Features.Shared;

namespace Npq.Web.Features.Enrolment.Cohorts;

/// <summary>
/// The public list of cohorts open for applications, with places left or a waiting list: paged, and narrowed by
/// course, way of delivery and UK or international, all kept in the address. A value that is not one of the choices
/// is ignored (the whole list is shown) rather than refused.
/// </summary>
[AllowAnonymous]
public sealed class CohortsController(ApplicationIntake intake) : Controller
{
    [HttpGet("/cohorts")]
    public async Task<IActionResult> Index(string? course, string? delivery, string? where, int? page, int? size, CancellationToken cancellationToken)
    {
        var filter = new OpenCohortFilter(
            string.IsNullOrWhiteSpace(course) ? null : course.Trim(),
            Enum.TryParse<DeliveryModel>(delivery, ignoreCase: true, out var model) && Enum.IsDefined(model) ? model : null,
            where switch { "uk" => false, "international" => true, _ => null });
        var pageSize = Paging.Size(size);
        var number = Paging.Number(page);
        var open = await intake.OpenCohortsAsync(filter, Paging.Skip(number, pageSize), pageSize, cancellationToken);
        var keep = new List<KeyValuePair<string, string?>>
        {
            new("course", filter.Course),
            new("delivery", filter.Delivery?.ToString()),
            new("where", filter.International switch { true => "international", false => "uk", null => null }),
        };
        return View(new OpenCohortsViewModel(open, filter, new PageLinks("/cohorts", keep, open.FromStart ? 1 : number, pageSize, open.Total, "open cohorts")));
    }
}

public sealed record OpenCohortsViewModel(OpenCohorts Open, OpenCohortFilter Filter, PageLinks Pager);
