using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Npq.Core.Files;
using Npq.Data.Files;
using Npq.Tests.Support;

namespace Npq.Tests.Data.Files;

/// <summary>What every <see cref="IFileStore"/> must do, run against each implementation.</summary>
public abstract class FileStoreContractTests
{
    protected IFileStore Store { get; private set; } = null!;

    protected abstract Task<IFileStore> CreateStoreAsync();

    protected virtual Task DropStoreAsync() => Task.CompletedTask;

    [OneTimeSetUp]
    public async Task MakeStore() => Store = await CreateStoreAsync();

    [OneTimeTearDown]
    public Task DropStore() => DropStoreAsync();

    private static byte[] Bytes(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    [Test]
    public async Task Save_ThenOpen_ReadsBackTheSameBytes_UnderAFreshRandomName()
    {
        var content = Bytes(3 * 1024 * 1024 + 17); // more than one read block of the blob store

        var first = await Store.SaveAsync(new MemoryStream(content));
        var second = await Store.SaveAsync(new MemoryStream(content));
        await using var read = await Store.OpenReadAsync(first);

        Assert.That(first, Does.Match("^[0-9a-f]{32}$"));
        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(read, Is.Not.Null);
        Assert.That(await ReadAllAsync(read!), Is.EqualTo(content));
    }

    [Test]
    public async Task Save_FromAStreamThatCannotSeek_StoresAllOfIt()
    {
        var content = Bytes(200_000, seed: 3);

        var name = await Store.SaveAsync(new ForwardOnlyStream(content));
        await using var read = await Store.OpenReadAsync(name);

        Assert.That(await ReadAllAsync(read!), Is.EqualTo(content));
    }

    [Test]
    public async Task OpenRead_IsSeekable_WithItsLength_SoRangeRequestsWork()
    {
        var content = Bytes(2 * 1024 * 1024 + 5, seed: 11);
        var name = await Store.SaveAsync(new MemoryStream(content));

        await using var read = (await Store.OpenReadAsync(name))!;
        read.Seek(1_500_000, SeekOrigin.Begin);
        var middle = new byte[1000];
        await read.ReadExactlyAsync(middle);
        read.Position = 10;
        var start = new byte[10];
        await read.ReadExactlyAsync(start);

        Assert.That(read.CanSeek, Is.True);
        Assert.That(read.Length, Is.EqualTo(content.Length));
        Assert.That(middle, Is.EqualTo(content.AsSpan(1_500_000, 1000).ToArray()));
        Assert.That(start, Is.EqualTo(content.AsSpan(10, 10).ToArray()));
    }

    [Test]
    public async Task OpenRead_OfANameNeverStored_IsNull()
    {
        Assert.That(await Store.OpenReadAsync(new string('a', 32)), Is.Null);
    }

    [Test]
    public async Task Delete_RemovesTheFile_AndDeletingAgainIsHarmless()
    {
        var name = await Store.SaveAsync(new MemoryStream(Bytes(100)));

        await Store.DeleteAsync(name);
        var afterwards = await Store.OpenReadAsync(name);

        Assert.That(afterwards, Is.Null);
        Assert.DoesNotThrowAsync(() => Store.DeleteAsync(name));
    }

    [TestCase("../../etc/passwd")]
    [TestCase("0123456789abcdef0123456789abcdeg")]
    [TestCase("")]
    [TestCase("0123456789abcdef0123456789abcdef/x")]
    public void NamesTheStoreDidNotMake_AreRefused(string name)
    {
        Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(name));
        Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(name));
    }

    private sealed class ForwardOnlyStream(byte[] content) : Stream
    {
        private readonly MemoryStream _inner = new(content);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 4096));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class LocalFileStoreTests : FileStoreContractTests
{
    private string _root = null!;

    protected override Task<IFileStore> CreateStoreAsync()
    {
        _root = Path.Combine(Path.GetTempPath(), "npq-tests", "files-" + Guid.NewGuid().ToString("N"));
        return Task.FromResult<IFileStore>(new LocalFileStore(_root));
    }

    protected override Task DropStoreAsync()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The same contract against Azure Blob Storage, as Azurite emulates it; plus the container's own rules.</summary>
public sealed class AzureBlobFileStoreTests : FileStoreContractTests
{
    private BlobContainerClient _container = null!;

    protected override async Task<IFileStore> CreateStoreAsync()
    {
        var store = AzureBlobFileStore.Create(new AzureBlobStorageOptions { ConnectionString = AzuriteServer.ConnectionString, Container = AzuriteServer.NewContainerName("files") });
        _container = store.Container;
        await store.EnsureContainerAsync();
        return store;
    }

    protected override Task DropStoreAsync() => _container.DeleteIfExistsAsync();

    [Test]
    public async Task EnsureContainer_MakesAMissingContainer_Private_AndIsHarmlessTwice()
    {
        var store = AzureBlobFileStore.Create(new AzureBlobStorageOptions { ConnectionString = AzuriteServer.ConnectionString, Container = AzuriteServer.NewContainerName("made") });
        var before = (await store.Container.ExistsAsync()).Value;

        await store.EnsureContainerAsync();
        await store.EnsureContainerAsync();
        var access = (await store.Container.GetAccessPolicyAsync()).Value.BlobPublicAccess;
        await store.Container.DeleteAsync();

        Assert.That(before, Is.False);
        Assert.That(access, Is.EqualTo(PublicAccessType.None));
    }

    [Test]
    public async Task EnsureContainer_RefusesAContainerAnyoneCanRead()
    {
        var container = new BlobServiceClient(AzuriteServer.ConnectionString).GetBlobContainerClient(AzuriteServer.NewContainerName("public"));
        await container.CreateAsync(PublicAccessType.Blob);
        var store = new AzureBlobFileStore(container);

        var refused = Assert.CatchAsync(() => store.EnsureContainerAsync());
        await container.DeleteAsync();

        Assert.That(refused, Is.InstanceOf<InvalidOperationException>());
        Assert.That(refused!.Message, Does.Contain(container.Name).And.Contain("private"));
    }
}
