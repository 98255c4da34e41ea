/**
 * Words and product names that reveal a component's kind. Each entry is a phrase of one or more
 * lower-case tokens (tokens are split on non-alphanumerics and camelCase) with a weight: product
 * names and specific phrases outweigh generic words, so "LangChain agent" is an agent and
 * "Llama Guard" a guardrail, not an LLM. Kept as data so it can grow without touching logic.
 */
import type { ComponentKind } from '../model';

type Vocab = Partial<Record<ComponentKind, Record<string, number>>>;

export const VOCABULARY: Vocab = {
  llm: {
    // "AI Resolution", "AI Processing Service": a step the diagram calls AI is a model call unless other words say more.
    ai: 2,
    llm: 3, llms: 3, 'large language model': 4, 'language model': 3, 'foundation model': 3,
    gpt: 3, chatgpt: 3, 'gpt 4': 3, 'gpt 4o': 3, 'gpt 4o mini': 3, 'gpt 3 5': 3, 'gpt 5': 3, o1: 1, o3: 1,
    claude: 3, sonnet: 2, opus: 2, haiku: 1, gemini: 3, palm: 2, bard: 2,
    llama: 3, llama2: 3, llama3: 3, mistral: 3, mixtral: 3, qwen: 3, deepseek: 3, falcon: 1, gemma: 3, phi3: 3,
    'command r': 3, minimax: 3, 'z ai': 3, zhipu: 3, glm: 2, kimi: 3, moonshot: 2, ernie: 2, 'nova pro': 3, titan: 1, 'gpt oss': 3, 'github models': 3, medgemma: 3, 'language model api': 4, 'llm api': 4, 'llm provider': 4, cohere: 2, grok: 2, vicuna: 3, 'text generation': 2,
    openai: 2, 'open ai': 2, 'azure openai': 3, 'azure open ai': 3, anthropic: 2, bedrock: 2, 'vertex ai': 2, 'google ai': 2, groq: 2,
    ollama: 3, vllm: 3, 'llama cpp': 3, tgi: 2, 'text generation inference': 3, 'lm studio': 3, 'hugging face inference': 2,
    model: 2, 'chat model': 3, 'response generator': 4, 'answer generator': 4, 'ai inference': 2, 'ai engine': 2, 'chat completion': 3, 'chat completions': 3, completion: 1, inference: 1,
    // A language model that also reads pictures is still an LLM: its "vision" does not make it a classic vision model.
    'vision language model': 7, 'vision language': 6, vlm: 5, llava: 5, 'gpt 4v': 5, 'gpt 4 vision': 6, 'qwen vl': 5, 'multimodal llm': 6,
    chatbot: 2, 'ai model': 2, 'generative ai': 2, genai: 2, slm: 2, reasoning: 1, 'model endpoint': 2, 'model server': 2,
    'model serving': 2, 'workers ai': 4, 'edge inference': 2, summarizer: 2, summarization: 1, 'answer generation': 2, generator: 1, 'ai assistant': 2,
  },
  'ml-model': {
    'ml model': 5, 'ml models': 5, 'machine learning model': 5, 'machine learning': 3, ml: 2, 'ml service': 4, 'ml inference': 4,
    classifier: 3, classifiers: 3, classification: 3, 'risk classifier': 5, detector: 3, detection: 2, predictor: 4, prediction: 3,
    'prediction engine': 5, predict: 2, forecast: 3, forecasting: 3, 'random forest': 5, xgboost: 5, lightgbm: 5, catboost: 5,
    sklearn: 4, 'scikit learn': 4, 'anomaly model': 5, 'anomaly detection': 4, 'fraud model': 5, 'scoring model': 5, 'risk model': 5,
    yolo: 5, yolov: 5, whisper: 5, tts: 4, stt: 4, asr: 4, 'speech to text': 5, 'speech recognition': 5, 'text to speech': 5,
    speech: 3, 'voice model': 5, diarization: 4, spectrogram: 3, 'stable diffusion': 5, sdxl: 5, 'dall e': 5, dalle: 5,
    midjourney: 5, imagen: 4, 'image generation': 5, 'image generator': 5, 'image model': 5, 'vision model': 5, 'computer vision': 4,
    vision: 2, segmentation: 3, 'ctr model': 5, ctr: 3, 'ranking model': 5, recommender: 5, 'recommendation engine': 5,
    'recommendation model': 5, 'neural network': 4, cnn: 4, lstm: 4, 'deep learning': 3, deeplearning: 3, resnet: 4, bert: 3,
    'feature extraction': 2, 'model inference': 3, pytorch: 2, tensorflow: 2, keras: 2,
  },
  agent: {
    agent: 3, agents: 3, 'ai agent': 4, 'llm agent': 4, planner: 3, orchestrator: 1, 'agent orchestrator': 4, supervisor: 2, 'react agent': 4,
    langgraph: 3, autogen: 3, crewai: 3, 'crew ai': 3, 'semantic kernel': 3, 'agents sdk': 3, autogpt: 3, babyagi: 3,
    copilot: 2, assistant: 1, 'multi agent': 3, 'sub agent': 3, subagent: 3, 'tool calling': 2, 'function calling': 2,
    executor: 1, adk: 3, 'google adk': 4, 'agent development kit': 4, 'agent executor': 4, 'browser agent': 4, 'tool selector': 3, 'agent service': 4, langchain: 2, coordinator: 2, worker: 1,
    // Roles of a multi-agent crew; a person doing such work is drawn as an actor or called so.
    writer: 2, researcher: 3, critic: 3, strategist: 3, gatherer: 2, specialist: 2, 'research team': 4,
  },
  tool: {
    tool: 3, tools: 3, plugin: 3, plugins: 3, 'function call': 2, function: 1, 'tool call': 3, action: 2, actions: 1,
    'search api': 3, 'web search': 3, 'google search': 3, serpapi: 3, tavily: 3, bing: 2, calculator: 3,
    email: 2, 'send email': 3, smtp: 3, gmail: 2, slack: 2, calendar: 2, jira: 2, github: 1,
    api: 0, 'file operations': 3, 'file ops': 3, 'git operations': 3, searxng: 4, 'meta search': 3, 'search engine': 3, arxiv: 3, 'wikipedia': 3, 'tool registry': 3, 'pdf reader': 3, 'sql tool': 4, 'db tool': 4, 'weather': 1, toolkit: 3, skill: 2, skills: 2,
  },
  'mcp-server': {
    mcp: 4, 'mcp server': 5, 'mcp servers': 5, 'model context protocol': 5, 'mcp tool': 4,
  },
  'code-executor': {
    'code interpreter': 5, 'code execution': 5, 'code executor': 5, sandbox: 3, 'python repl': 5, repl: 4,
    'jupyter kernel': 5, jupyter: 3, 'python executor': 5, exec: 2, eval: 1, 'run code': 4, 'execute code': 5,
    e2b: 4, 'python interpreter': 5, interpreter: 3, shell: 4, bash: 4, terminal: 3, 'command line': 3, subprocess: 4,
  },
  'web-browser': {
    'web browser': 3, 'browser tool': 5, 'headless browser': 5, playwright: 4, puppeteer: 4, selenium: 4,
    'browser use': 5, chromedriver: 5, 'chrome driver': 5, 'browser automation': 5, 'web automation': 4, 'web scraper': 3, scraper: 2, crawler: 2, 'web crawler': 3, 'web fetch': 3,
    'fetch url': 3, firecrawl: 4,
  },
  'vector-store': {
    opensearch: 3, 'vector store': 5, 'vector db': 5, 'vector database': 5, vectorstore: 5, vectordb: 5, 'vector index': 5, vectors: 2,
    pinecone: 5, weaviate: 5, qdrant: 5, milvus: 5, chroma: 5, chromadb: 5, faiss: 5, pgvector: 5, 'pg vector': 5, lancedb: 5,
    'azure ai search': 4, 'cognitive search': 4, 'opensearch vector': 5, 'redis vector': 5, 'vector search': 2,
    'knowledge base': 2, 'kb': 1, 'semantic index': 4, 'embedding store': 5, 'embeddings store': 5, 'embeddings db': 5,
    'vertex ai vector search': 5, 'atlas vector search': 5, index: 1,
  },
  'embedding-model': {
    embedding: 3, embeddings: 3, embedder: 4, 'embedding model': 5, 'embeddings model': 5, 'text embedding': 5, fastembed: 5, 'fast embed': 5,
    'ada 002': 5, 'text embedding ada': 5, 'text embedding 3': 5, 'sentence transformers': 5, 'sentence transformer': 5,
    'bge': 3, 'e5': 2, reranker: 4, reranking: 4, rerank: 3, 'cross encoder': 4, 'nomic embed': 5, encoder: 2, 'embed': 2, vectorize: 3, vectorizer: 3, 'embedding service': 5,
  },
  memory: {
    'context management': 4, history: 2, 'conversation manager': 4,
    memory: 3, 'chat history': 4, 'conversation history': 4, 'conversation memory': 5, 'agent memory': 5,
    'long term memory': 5, 'short term memory': 5, 'session state': 3, scratchpad: 3, mem0: 5, zep: 4, 'context store': 3,
  },
  'prompt-template': {
    prompt: 2, prompts: 2, 'prompt template': 5, 'prompt templates': 5, 'system prompt': 5, 'prompt builder': 4,
    'prompt engineering': 3, 'prompt construction': 4, 'prompt assembly': 4, 'context builder': 3, augment: 1, augmentation: 2,
  },
  guardrail: {
    governance: 3, 'policy rules': 4, 'review queue': 4, 'manual review': 4, 'human review': 5, verification: 2, validate: 2, pydantic: 3, security: 2, 'pii detector': 6,
    guardrail: 5, guardrails: 5, 'llama guard': 6, 'nemo guardrails': 6, moderation: 4, 'content filter': 5,
    'content safety': 5, 'injection detector': 6, 'prompt injection': 3, 'jailbreak detector': 6, scanner: 3, 'leakage scanner': 5, 'policy engine': 4, 'schema validation': 4, 'llm guard': 6, 'security pipeline': 3, 'pii detection': 5, 'toxicity': 4, 'prompt shield': 6, 'prompt shields': 6, 'safety filter': 5, 'pii filter': 5, 'pii redaction': 5,
    presidio: 5, 'input validation': 3, 'output validation': 4, 'output filter': 5, 'input filter': 5, sanitizer: 4,
    sanitization: 3, 'jailbreak detection': 5, 'lakera': 5, 'rebuff': 5, 'policy check': 3, 'safety check': 4, 'validator': 2,
  },
  'training-pipeline': {
    'training data pipeline': 7, 'training loop': 6, 'local training': 6, 'federated training': 7, 'federated learning': 6,
    training: 4, 'fine tuning': 5, finetuning: 5, 'fine tune': 5, finetune: 5, 'fine tuned': 3, lora: 4, qlora: 4,
    rlhf: 5, peft: 4, 'lo ra': 4, 'data augmentation': 4, augmentation: 2, 'training data preparation': 5, 'model customization': 4, 'training pipeline': 6, trainer: 4, 'model training': 6, 'training job': 6, sft: 4, dpo: 4, distillation: 3,
    retraining: 5, 'train model': 5, sagemaker: 2, 'vertex training': 5, kubeflow: 3, 'ml pipeline': 4, mlops: 3,
  },
  dataset: {
    dataset: 5, datasets: 5, 'training data': 6, 'training set': 6, corpus: 3, 'labeled data': 5, labeling: 4,
    labelling: 4, annotation: 2, 'label studio': 5, 'data lake': 2, 'eval set': 4, 'evaluation data': 4, 'golden set': 4,
    'synthetic data': 4, csv: 2, 'data generation': 3, parquet: 2, 'feature store': 3,
  },
  'model-registry': {
    'model files': 4, 'model file': 4, 'model registry': 6, 'model hub': 6, 'hugging face': 5, huggingface: 5, 'hf hub': 6, 'model zoo': 5, mlflow: 4,
    'model store': 5, 'model repository': 5, 'model artifacts': 4, 'model artifact': 4, 'model weights': 4, weights: 2, 'merged model': 4, 'exported model': 4, gguf: 4, onnx: 3, safetensors: 4, quantized: 2, 'model pkl': 4, pkl: 3, 'adapter weights': 4, 'adapter management': 4, 'model management': 3,
    checkpoint: 3, checkpoints: 3, 'wandb': 2, 'model catalog': 5, 'sagemaker model registry': 6, 'vertex model registry': 6,
    'ollama library': 5, 'pretrained model': 4, 'pre trained model': 4, 'base model': 3,
  },
  'external-api': {
    apis: 3, api: 1, ext: 2, 'threat intel': 4, 'third party': 3, 'third party apis': 5, external: 2, integrations: 2,
    'gmail api': 4, 'slack api': 4, discord: 3, telegram: 3, whatsapp: 3, 'third party api': 5, 'external api': 5, '3rd party api': 5, 'external service': 4, 'third party service': 4,
    'partner api': 4, 'public api': 3, 'saas': 2, stripe: 3, twilio: 3, 'weather api': 4, 'cloud translate': 3, 'translation api': 4, 'jira cloud': 3, 'google calendar api': 4, 'github api': 3,
  },
  monitoring: {
    'alert manager': 4, alertmanager: 5,
    monitoring: 5, monitor: 4, observability: 5, logging: 4, logs: 3, log: 2, telemetry: 4, tracing: 4, traces: 3,
    langsmith: 6, langfuse: 6, 'arize': 5, phoenix: 3, helicone: 5, datadog: 5, prometheus: 5, grafana: 5, splunk: 5,
    siem: 5, 'audit log': 6, audit: 4, metrics: 3, evaluation: 2, evals: 3, 'eval': 2, opentelemetry: 5, 'weights biases': 4,
    alerting: 4, dashboard: 2,
  },
  'document-source': {
    feed: 3, 'video feed': 4, diagrams: 2, workspace: 2, 'content input': 3, flowcharts: 2,
    documents: 3, document: 2, docs: 2, pdf: 3, pdfs: 3, files: 2, 'file upload': 4, uploads: 4, upload: 3,
    sharepoint: 4, confluence: 4, 'google drive': 4, notion: 3, website: 2, 'web pages': 3, webpages: 3, 'web content': 3,
    emails: 2, 'source documents': 5, 'data sources': 3, 'data source': 3, wiki: 3, s3: 2, 'blob storage': 2, rss: 3,
    'knowledge sources': 4, 'external documents': 5, tickets: 2, 'user uploads': 5, 'internet': 2, 'web apis': 2,
  },
  ingestion: {
    preprocessor: 4, preprocess: 4, resize: 2, splitting: 3, vectorization: 3, watcher: 3, extract: 2,
    ingestion: 5, ingest: 5, ingestor: 5, 'data pipeline': 3, etl: 4, loader: 3, 'document loader': 5, chunking: 5,
    chunker: 5, splitter: 4, 'text splitter': 5, 'document intelligence': 4, 'split markdown': 4, 'extract figures': 3, parser: 2, 'document processing': 4, indexer: 4, indexing: 4,
    preprocessing: 3, 'ocr': 3, extraction: 3, extractor: 4, unstructured: 3, 
  },
  datastore: {
    'object store': 4, table: 2, store: 2, secrets: 3, 'secret manager': 4, vault: 1, 'key vault': 4, firestore: 4, repository: 3, 'artifact registry': 4, 'graph store': 4, profile: 2,
    database: 4, db: 3, postgres: 4, postgresql: 4, mysql: 4, sqlite: 4, mongodb: 4, mongo: 4, redis: 3, dynamodb: 4,
    cosmos: 3, cosmosdb: 4, 'sql server': 4, neo4j: 4, 'knowledge graph': 3, supabase: 4, turso: 4, 'file system': 2, filesystem: 2, sql: 2, storage: 2, 'data store': 4, datastore: 4, datawarehouse: 4,
    'data warehouse': 4, bigquery: 4, snowflake: 4, elasticsearch: 3, cassandra: 4, cache: 2, 'object storage': 3,
    bucket: 2, crm: 3, erp: 3, tables: 1, records: 1,
  },
  gateway: {
    gateway: 4, 'api gateway': 5, 'llm gateway': 6, 'ai gateway': 6, 'load balancer': 4, proxy: 3, 'reverse proxy': 4,
    apim: 4, 'api management': 5, nginx: 3, envoy: 3, kong: 4, 'rate limiter': 5, litellm: 5, portkey: 5, waf: 4, ingress: 3,
    'front door': 3, cloudflare: 3,
  },
  service: {
    service: 2, services: 2, backend: 2, server: 2, 'api server': 2, microservice: 2, 'web server': 2, fastapi: 2,
    flask: 2, express: 1, django: 2, lambda: 1, function: 0, app: 0, application: 1, orchestration: 1, 'rag pipeline': 2,
    'prediction service': 5, 'prediction api': 5, 'llm router': 5, 'pdf generator': 4, 'report generator': 4, 'model selector': 4, 'model selection': 4, 'rag service': 2, retriever: 3, retrieval: 2, 'vector search': 3, 'llm application': 4, 'llm app': 4, router: 2, 'request router': 3, 'rule engine': 3, auth: 2, login: 2, 'session management': 3, orchestrator: 2, 'app server': 3, 'llama index': 3, llamaindex: 3, langchain: 2, 'lang chain': 2, pipeline: 1, worker: 0, queue: 1, 'message queue': 2, kafka: 2, webhook: 1,
  },
  client: {
    'mcp host': 5, sdk: 3, sdks: 3, display: 2, device: 2, redux: 3,
    'web ui': 4, ide: 3, 'chat panel': 4, 'support app': 3, 'mobile': 2, 'desktop app': 4, 'web app': 3, webapp: 3, frontend: 4, 'front end': 4, ui: 3, 'user interface': 4, 'chat ui': 4,
    'chat interface': 4, 'mobile app': 4, browser: 2, streamlit: 3, gradio: 3, cli: 2, 'slack bot': 2, 'slack workspace': 3, 'claude desktop': 4, 'chatgpt desktop': 4, 'mcp client': 4, 'mcp clients': 4, 'teams app': 3,
    widget: 3, portal: 2, react: 2, nextjs: 2, 'next js': 2, client: 3, dashboard: 1, 'chat app': 4, 'web client': 4,
  },
  user: {
    engineer: 3, 'ml engineer': 5, 'data scientist': 5,
    user: 4, users: 4, 'end user': 5, customer: 4, customers: 4, human: 3, person: 3, operator: 2, employee: 3,
    admin: 2, analyst: 2, developer: 2, reviewer: 2, 'human in the loop': 4, hitl: 3, actor: 2, visitor: 3, 'user query': 3,
    attacker: 4, client_user: 3, patient: 3, student: 3, agent_human: 0, 'support agent': 2, requester: 3,
  },
};

/** Alternative spellings accepted in declarations (`:::vectordb`, `kind=vector_store`). */
export const KIND_ALIASES: Record<string, ComponentKind> = {
  'language-model': 'llm', plugin: 'tool',
  mcp: 'mcp-server', mcpserver: 'mcp-server', mcp_server: 'mcp-server',
  codeexecutor: 'code-executor', code_executor: 'code-executor',
  webbrowser: 'web-browser', web_browser: 'web-browser',
  vectorstore: 'vector-store', vector_store: 'vector-store', vectordb: 'vector-store',
  embedding: 'embedding-model', embeddings: 'embedding-model', embedding_model: 'embedding-model', embedder: 'embedding-model',
  database: 'datastore', db: 'datastore', data_store: 'datastore', 'data-store': 'datastore',
  documents: 'document-source', document_source: 'document-source',
  prompt_template: 'prompt-template',
  guardrails: 'guardrail', guard: 'guardrail', moderation: 'guardrail',
  training: 'training-pipeline', training_pipeline: 'training-pipeline', finetuning: 'training-pipeline',
  model_registry: 'model-registry', modelregistry: 'model-registry',
  external_api: 'external-api', externalapi: 'external-api', thirdparty: 'external-api',
  monitor: 'monitoring', observability: 'monitoring',
  human: 'user', frontend: 'client', backend: 'service', proxy: 'gateway',
};

/** Product and provider words that imply a hosted third-party model, as opposed to a self-hosted one. */
export const THIRD_PARTY_MODEL_WORDS = [
  'openai', 'azure openai', 'anthropic', 'claude', 'gpt', 'chatgpt', 'gemini', 'bedrock', 'vertex ai', 'cohere', 'groq',
  'mistral api', 'together', 'fireworks', 'replicate', 'perplexity', 'google ai', 'hugging face inference', 'openrouter',
];

/**
 * Model families and serving runtimes the models registry does not list (open-weight, vision,
 * speech, image): naming one says which model this is, so its version can be pinned.
 */
export const MODEL_FAMILY_WORDS = [
  'llama', 'ollama', 'llama cpp', 'vllm', 'watsonx', 'granite', 'bert', 'roberta', 'distilbert', 't5', 'yolo', 'resnet',
  'stable diffusion', 'sdxl', 'dall e', 'dalle', 'midjourney', 'imagen', 'whisper', 'clip', 'gpt', 'chatgpt', 'claude',
  'gemini', 'gemma', 'mistral', 'mixtral', 'phi', 'qwen', 'deepseek', 'falcon', 'xgboost', 'lightgbm',
];

/** Words that reveal what a model reads or makes (for `modality` and `generative`). */
export const MODALITY_WORDS: Record<string, { modality?: string; generative?: boolean }> = {
  whisper: { modality: 'audio' }, tts: { modality: 'audio', generative: true }, 'text to speech': { modality: 'audio', generative: true },
  stt: { modality: 'audio' }, asr: { modality: 'audio' }, speech: { modality: 'audio' }, voice: { modality: 'audio' },
  audio: { modality: 'audio' }, spectrogram: { modality: 'audio' }, 'speech to text': { modality: 'audio' },
  'stable diffusion': { modality: 'image', generative: true }, sdxl: { modality: 'image', generative: true },
  'dall e': { modality: 'image', generative: true }, dalle: { modality: 'image', generative: true },
  midjourney: { modality: 'image', generative: true }, imagen: { modality: 'image', generative: true },
  'image generation': { modality: 'image', generative: true }, 'image generator': { modality: 'image', generative: true },
  vision: { modality: 'image' }, image: { modality: 'image' }, images: { modality: 'image' }, yolo: { modality: 'image' },
  yolov: { modality: 'image' }, ocr: { modality: 'image' }, camera: { modality: 'image' }, 'computer vision': { modality: 'image' },
  video: { modality: 'video' }, 'random forest': { modality: 'tabular' }, xgboost: { modality: 'tabular' },
  lightgbm: { modality: 'tabular' }, tabular: { modality: 'tabular' }, multimodal: { modality: 'multimodal' },
  llm: { modality: 'text', generative: true }, gpt: { modality: 'text', generative: true },
  'vision language model': { modality: 'multimodal', generative: true }, 'vision language': { modality: 'multimodal', generative: true },
  vlm: { modality: 'multimodal', generative: true }, llava: { modality: 'multimodal', generative: true },
  'gpt 4v': { modality: 'multimodal', generative: true }, 'gpt 4 vision': { modality: 'multimodal', generative: true },
  'qwen vl': { modality: 'multimodal', generative: true }, 'multimodal llm': { modality: 'multimodal', generative: true },
};
