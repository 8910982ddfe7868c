{{- define "mendian.labels" -}}
app.kubernetes.io/name: mendian
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
{{- define "mendian.selector" -}}
app.kubernetes.io/name: mendian
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
