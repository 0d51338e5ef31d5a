using Distill.Teachers.Mesh;

namespace Distill.Tests.Teachers.Mesh;

public class MeshTreeSelectionTests
{
    [Theory]
    [InlineData("C04.588.033", "C", true)]
    [InlineData("C04.588.033", "C04", true)]
    [InlineData("C04.588.033", "C04.588.033", true)]
    [InlineData("C04.588.033", "C04.58", false)]
    [InlineData("C040.1", "C04", false)]
    [InlineData("D02.355", "C", false)]
    public void A_branch_covers_itself_and_what_lies_below(string tree, string branch, bool under) =>
        Assert.Equal(under, MeshTreeSelection.IsUnder(tree, branch));

    [Fact]
    public void A_descriptor_is_kept_when_one_tree_number_is_included_and_not_excluded()
    {
        var disease = new MeshTreeSelection(["C", "F03"], ["C23.888"]);
        // Obesity: nutrition disorders (C18) and signs (C23.888): kept for its C18 number.
        Assert.True(disease.Selects(["C18.654.726.500", "C23.888.144.699.500"]));
        // Acute abdomen: signs and symptoms only.
        Assert.False(disease.Selects(["C23.888.592.612.054.200"]));
        Assert.True(disease.Selects(["F03.600"]));
        Assert.False(disease.Selects([]));
        Assert.Equal("+C,+F03,-C23.888", disease.ToString());
    }
}
