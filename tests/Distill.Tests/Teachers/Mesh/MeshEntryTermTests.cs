using Distill.Teachers.Mesh;

namespace Distill.Tests.Teachers.Mesh;

public class MeshEntryTermTests
{
    [Theory]
    [InlineData("Abdomen, Acute", "Acute Abdomen")]
    [InlineData("Leukemia, Myeloid, Acute", "Acute Myeloid Leukemia")]
    [InlineData("Diabetes Mellitus, Type 2", "Type 2 Diabetes Mellitus")]
    [InlineData("Muscular Dystrophy, Duchenne", "Duchenne Muscular Dystrophy")]
    [InlineData("Lymphoma, B-Cell, Marginal Zone", "Marginal Zone B-Cell Lymphoma")]
    [InlineData("Huntington Disease", "Huntington Disease")]
    [InlineData("Carcinoma, Non-Small-Cell Lung", "Non-Small-Cell Lung Carcinoma")]
    public void Inverted_terms_come_back_in_natural_order(string mesh, string natural) =>
        Assert.Equal(natural, MeshEntryTerm.NaturalOrder(mesh));

    [Theory]
    [InlineData("a, b, c, d, e")]
    [InlineData("Leukemia, , Acute")]
    public void Enumerations_and_empty_parts_are_no_inversion(string term) => Assert.Null(MeshEntryTerm.NaturalOrder(term));

    [Fact]
    public void Only_a_comma_with_a_space_inverts()
    {
        Assert.True(MeshEntryTerm.IsInverted("Abdomen, Acute"));
        Assert.False(MeshEntryTerm.IsInverted("1,2-Dihydroxybenzene"));
        Assert.Equal("1,2-Dihydroxybenzene", MeshEntryTerm.NaturalOrder("1,2-Dihydroxybenzene"));
    }
}
