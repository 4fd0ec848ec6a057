# Multi-stage build of the AgentRec service.
#   CPU image:  docker build --build-arg ONNX_RUNTIME_GPU=false -t agentrec .
#   GPU image:  docker build -t agentrec:gpu .   (default; links Microsoft.ML.OnnxRuntime.Gpu via -p:OnnxRuntimeGpu=true
#               and runs on the CUDA runtime image; start it with --gpus all and Llm__ExecutionProvider=cuda)
ARG ONNX_RUNTIME_GPU=true

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG ONNX_RUNTIME_GPU
# The chat page's front-end dependencies are installed from npm during the build.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/AgentRec.Api -c Release -o /app -p:OnnxRuntimeGpu=${ONNX_RUNTIME_GPU}

# CUDA 12 + cuDNN 9 runtime, which ONNX Runtime's CUDA execution provider loads; the .NET runtime is added on top.
FROM nvidia/cuda:12.6.3-cudnn-runtime-ubuntu24.04 AS runtime-true
COPY --from=mcr.microsoft.com/dotnet/aspnet:10.0 /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
    && apt-get update -qq && apt-get install -y -qq --no-install-recommends ca-certificates libicu74 && rm -rf /var/lib/apt/lists/*

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime-false

FROM runtime-${ONNX_RUNTIME_GPU} AS runtime
WORKDIR /app
COPY --from=build /app .
COPY models/models.json /models/models.json
ENV ASPNETCORE_URLS=http://+:8080 \
    State__DatabasePath=/data/agentrec.db \
    Catalog__CacheDirectory=/data/cache
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["dotnet", "AgentRec.Api.dll"]
