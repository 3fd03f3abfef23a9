using Npq.Tests.Support;
using Microsoft.Extensions.Caching.Memory;
using Npq.Data.Materials;

namespace Npq.Tests.Data.Materials;

/// <summary>
/// The programme cache the repository contract tests run with: on, for a minute, so every test that writes and reads
/// back also proves that a write forgets what was remembered.
/// </summary>
public static class ProgrammeCaching
{
    public static ProgrammeCache Remembering() => new(SharedCaches.InMemory(), TimeSpan.FromMinutes(1));
}
