namespace Npq.Core.Validation;

/// <summary>
/// Why a use case refused what a person typed, tied to the field it is about as the form names it (an empty
/// <see cref="Field"/> is about the whole form): the page shows the message beside that field. <see cref="Replaces"/>:
/// it takes the place of what the form's binding already said about that field.
/// </summary>
public sealed record FieldProblem(string Field, string Message, bool Replaces = false);
