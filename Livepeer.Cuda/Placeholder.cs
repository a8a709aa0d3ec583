namespace Livepeer.Cuda; internal static class Placeholder;
