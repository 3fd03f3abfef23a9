namespace Npq.Tests.Support;

/// <summary>One application shared by the read-only integration tests, started once per test run.</summary>
[SetUpFixture]
public sealed class SharedApp
{
    private static NpqWebFactory? _factory;

    public static NpqWebFactory Factory => _factory ??= new NpqWebFactory();

    [OneTimeTearDown]
    public void TearDown()
    {
        _factory?.Dispose();
        _factory = null;
    }
}
