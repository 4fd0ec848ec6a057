// A deliberately broken three-layer sample: Low imports High (a back-import, and with High's import of Low a cycle);
// Middle imports only Low, as it may. CoreLayerTests runs the layer rules over it to show they catch both.
namespace AgentRec.UnitTests.Architecture.Sample.Low
{
    internal sealed class SampleLow
    {
        public int Rank(High.SampleHigh high) => high.Level + 1;
    }
}

namespace AgentRec.UnitTests.Architecture.Sample.Middle
{
    internal sealed class SampleMiddle
    {
        public Low.SampleLow Below { get; } = new();
    }
}

namespace AgentRec.UnitTests.Architecture.Sample.High
{
    internal sealed class SampleHigh
    {
        public int Level { get; init; }

        public Low.SampleLow Below { get; } = new();
    }
}
