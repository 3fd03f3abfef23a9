using Npq.Tests.Support;

namespace Npq.Tests;

/// <summary>Stops the run's shared Azurite (if a test started it) after every test in the assembly has run.</summary>
[SetUpFixture]
public sealed class AzuriteShutdown
{
    [OneTimeTearDown]
    public void StopAzurite() => AzuriteServer.Stop();
}
