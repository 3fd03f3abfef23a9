namespace Npq.Core.Portfolio;

/// <summary>
/// Why a use case refused what a person typed, tied to the field it is about (an empty <see cref="Field"/> is about
/// the whole form): the page shows the message beside that field.
/// </summary>
public sealed record FieldProblem(string Field, string Message);
