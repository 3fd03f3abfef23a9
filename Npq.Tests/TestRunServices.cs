using Npq.Tests.Support;

namespace Npq.Tests;

/// <summary>Stops the services the run started for its tests (Redis) once every test has finished.</summary>
[SetUpFixture]
public sealed class TestRunServices
{
    [OneTimeTearDown]
    public void StopServices() => RedisServer.StopIfStarted();
}
