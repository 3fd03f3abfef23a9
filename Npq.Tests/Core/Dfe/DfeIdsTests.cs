using Npq.Core.Dfe;

namespace Npq.Tests.Core.Dfe;

public sealed class DfeIdsTests
{
    [TestCase("d0b4a32e-a272-489e-b30a-cb17131457fc", ExpectedResult = true)]
    [TestCase("D0B4A32E-A272-489E-B30A-CB17131457FC", ExpectedResult = true)]
    [TestCase("d0b4a32ea272489eb30acb17131457fc", ExpectedResult = false)]
    [TestCase("{d0b4a32e-a272-489e-b30a-cb17131457fc}", ExpectedResult = false)]
    [TestCase("d0b4a32e-a272-489e-b30a-cb17131457fg", ExpectedResult = false)]
    [TestCase("d0b4a32e-a272-489e-b30a-cb17131457f", ExpectedResult = false)]
    [TestCase("", ExpectedResult = false)]
    [TestCase(null, ExpectedResult = false)]
    public bool IsUuid_DfeWriting_OnlyHyphenatedHex(string? value) => DfeIds.IsUuid(value);

    [TestCase("1234567", ExpectedResult = true)]
    [TestCase("0000001", ExpectedResult = true)]
    [TestCase("123456", ExpectedResult = false)]
    [TestCase("12345678", ExpectedResult = false)]
    [TestCase("12345a7", ExpectedResult = false)]
    [TestCase("123 4567", ExpectedResult = false)]
    [TestCase("١٢٣٤٥٦٧", ExpectedResult = false)]
    public bool IsTrn_SevenAsciiDigits(string value) => DfeIds.IsTrn(value);

    [Test]
    public void UuidProblem_BadId_NamesTheFieldAndShowsAnExample()
    {
        var problem = DfeIds.UuidProblem("not-a-uuid", "participant id");

        Assert.That(problem, Does.Contain("participant id").And.Contain(DfeIds.UuidExample));
        Assert.That(DfeIds.UuidProblem(" d0b4a32e-a272-489e-b30a-cb17131457fc ", "participant id"), Is.Null);
        Assert.That(DfeIds.UuidProblem("", "participant id"), Is.Null);
    }

    [Test]
    public void TrnProblem_LettersOrWrongLength_SaysSevenDigits()
    {
        Assert.That(DfeIds.TrnProblem("AB12345"), Does.Contain("7 digits"));
        Assert.That(DfeIds.TrnProblem("1234567"), Is.Null);
        Assert.That(DfeIds.TrnProblem(null), Is.Null);
    }
}
