{{- define "mendian.labels" -}}
app.kubernetes.io/name: mendian
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{- define "mendian.selector" -}}
app.kubernetes.io/name: mendian
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "mendian.image" -}}
{{ .Values.image.repository }}:{{ default .Chart.AppVersion .Values.image.tag }}
{{- end }}

{{- define "mendian.serviceAccountName" -}}
{{ default .Release.Name .Values.serviceAccount.name }}
{{- end }}

{{/* The non-secret environment, shared by the ConfigMap (pods) and the migration Job (which runs before it exists). */}}
{{- define "mendian.config" -}}
MENDIAN_PUBLIC_URL: {{ .Values.config.publicUrl | quote }}
MENDIAN_CONSOLE_URL: {{ .Values.config.consoleUrl | quote }}
MENDIAN_CORS_ORIGINS: {{ .Values.config.corsOrigins | quote }}
MENDIAN_BEHIND_PROXY: {{ .Values.config.behindProxy | quote }}
MENDIAN_TRUSTED_PROXIES: {{ .Values.config.trustedProxies | quote }}
MENDIAN_SWAGGER_UI: {{ .Values.config.swaggerUi | quote }}
MENDIAN_DB_URL: {{ required "config.database.url is required" .Values.config.database.url | quote }}
{{- if .Values.config.database.shardsSecret }}
SMALLRYE_CONFIG_LOCATIONS: "/deployments/shards/shards.properties"
{{- end }}
MENDIAN_REDIS_CLIENT_TYPE: {{ .Values.config.redis.clientType | quote }}
MENDIAN_REDIS_URL: {{ required "config.redis.url is required" .Values.config.redis.url | quote }}
MENDIAN_REDIS_MASTER_NAME: {{ .Values.config.redis.masterName | quote }}
MENDIAN_AMQP_HOST: {{ .Values.config.amqp.host | quote }}
MENDIAN_AMQP_PORT: {{ .Values.config.amqp.port | quote }}
MENDIAN_KEYCLOAK_URL: {{ .Values.config.keycloak.url | quote }}
MENDIAN_KEYCLOAK_PUBLIC_URL: {{ .Values.config.keycloak.publicUrl | quote }}
MENDIAN_SMTP_HOST: {{ .Values.config.smtp.host | quote }}
MENDIAN_SMTP_PORT: {{ .Values.config.smtp.port | quote }}
MENDIAN_MAIL_FROM: {{ .Values.config.smtp.from | quote }}
MENDIAN_SMTP_STARTTLS: {{ .Values.config.smtp.startTls | quote }}
MENDIAN_WECHAT_API_BASE: {{ .Values.config.wechat.apiBase | quote }}
MENDIAN_WECHAT_COMPONENT_APPID: {{ .Values.config.wechat.componentAppid | quote }}
MENDIAN_WECHAT_SANDBOX: {{ .Values.config.wechat.sandbox | quote }}
MENDIAN_PAY_API_BASE: {{ .Values.config.pay.apiBase | quote }}
MENDIAN_PAY_SP_MCHID: {{ .Values.config.pay.spMchid | quote }}
MENDIAN_PAY_SP_APPID: {{ .Values.config.pay.spAppid | quote }}
MENDIAN_PAY_MERCHANT_SERIAL: {{ .Values.config.pay.merchantSerial | quote }}
MENDIAN_PAY_PLATFORM_PUBLIC_KEY_ID: {{ .Values.config.pay.platformPublicKeyId | quote }}
MENDIAN_SHOP_RATE_PER_CLIENT: {{ .Values.config.rateLimits.shopPerClientPerMinute | quote }}
MENDIAN_SHOP_RATE_PER_APPID: {{ .Values.config.rateLimits.shopPerAppidPerMinute | quote }}
MENDIAN_SIGNUP_RATE_LIMIT: {{ .Values.config.rateLimits.signupPerHour | quote }}
MENDIAN_SIGNUP_RATE_GLOBAL: {{ .Values.config.rateLimits.signupGlobalPerHour | quote }}
MENDIAN_SMS_RATE_LIMIT: {{ .Values.config.rateLimits.smsPerHour | quote }}
MENDIAN_SMS_RATE_GLOBAL: {{ .Values.config.rateLimits.smsGlobalPerHour | quote }}
MENDIAN_SHUTDOWN_TIMEOUT: {{ .Values.shutdownTimeout | quote }}
MENDIAN_TRACING_DISABLED: {{ not .Values.config.tracing.enabled | quote }}
MENDIAN_OTLP_ENDPOINT: {{ .Values.config.tracing.otlpEndpoint | quote }}
MENDIAN_OTLP_PROTOCOL: {{ .Values.config.tracing.protocol | quote }}
MENDIAN_TRACE_SAMPLE_RATIO: {{ .Values.config.tracing.sampleRatio | quote }}
MENDIAN_METRICS_BRAND_TAGS: {{ .Values.config.metrics.brandTags | quote }}
JAVA_OPTS_APPEND: {{ .Values.jvmOptions | quote }}
{{- end }}

{{/* The other database shards' settings, a properties file from a Secret (docs/operations/shards.md). */}}
{{- define "mendian.shardsMount" -}}
{{- if .Values.config.database.shardsSecret }}
- name: shards
  mountPath: /deployments/shards
  readOnly: true
{{- end }}
{{- end }}

{{- define "mendian.shardsVolume" -}}
{{- if .Values.config.database.shardsSecret }}
- name: shards
  secret:
    secretName: {{ .Values.config.database.shardsSecret }}
{{- end }}
{{- end }}

{{- define "mendian.podSecurity" -}}
securityContext: {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets: {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
