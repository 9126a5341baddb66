{{/*
Names, labels and the per-service facts every template shares. Helpers that concern one service take
a dict: (dict "root" $ "component" "identity").
*/}}

{{/* The chart name, or nameOverride. */}}
{{- define "atsbridge.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The prefix of every object name: fullnameOverride, else "<release>-<chart name>" (just the release name
when it already contains the chart name). Kept to 48 characters so "-identity-..." suffixes stay under
the 63 characters names and labels allow.
*/}}
{{- define "atsbridge.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 48 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 48 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 48 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* "<chart>-<version>" for the helm.sh/chart label. */}}
{{- define "atsbridge.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The labels selecting one component's pods. They never change between releases of the chart (a
Deployment's selector is immutable), so they hold only name, instance and component.
*/}}
{{- define "atsbridge.selectorLabels" -}}
app.kubernetes.io/name: {{ include "atsbridge.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* The labels selecting every pod of the release, whatever its component. */}}
{{- define "atsbridge.releaseSelectorLabels" -}}
app.kubernetes.io/name: {{ include "atsbridge.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The recommended labels for an object of one component. */}}
{{- define "atsbridge.labels" -}}
helm.sh/chart: {{ include "atsbridge.chart" .root }}
{{ include "atsbridge.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: atsbridge
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The name of one component's objects: "<fullname>-<component>". */}}
{{- define "atsbridge.componentName" -}}
{{- printf "%s-%s" (include "atsbridge.fullname" .root) .component }}
{{- end }}

{{/* The components, in the order their objects are rendered. */}}
{{- define "atsbridge.components" -}}
identity mapping consent audit adapter gateway
{{- end }}

{{/* The gRPC services (every component but the gateway). */}}
{{- define "atsbridge.grpcComponents" -}}
identity mapping consent audit adapter
{{- end }}

{{/* The Maven module (and image name) of a component. */}}
{{- define "atsbridge.module" -}}
{{- if eq . "gateway" }}edge-gateway{{ else }}{{ . }}-service{{ end }}
{{- end }}

{{/* The service account the pods run as. */}}
{{- define "atsbridge.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "atsbridge.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
A component's image: "<registry>/<repository>:<tag>[@<digest>]". The tag stays even with a digest, so
the reference still says which release it is.
*/}}
{{- define "atsbridge.image" -}}
{{- $values := index .root.Values .component }}
{{- $image := .root.Values.image }}
{{- $repository := $values.image.repository }}
{{- if $image.registry }}
{{- $repository = printf "%s/%s" (trimSuffix "/" $image.registry) $repository }}
{{- end }}
{{- $tag := default $image.tag $values.image.tag | toString }}
{{- if or (not $tag) (eq $tag "latest") }}
{{- fail (printf "%s.image.tag / image.tag: a pinned version is required (not empty, not \"latest\")" .component) }}
{{- end }}
{{- if $values.image.digest }}
{{- printf "%s:%s@%s" $repository $tag $values.image.digest }}
{{- else }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}
{{- end }}

{{/* Secret names: the chart's own, or the existing ones named in values. */}}
{{- define "atsbridge.databaseSecretName" -}}
{{- default (printf "%s-database" (include "atsbridge.fullname" .)) .Values.database.existingSecret }}
{{- end }}

{{- define "atsbridge.tokensSecretName" -}}
{{- default (printf "%s-tokens" (include "atsbridge.fullname" .)) .Values.auth.existingSecret }}
{{- end }}

{{- define "atsbridge.masterKeySecretName" -}}
{{- default (printf "%s-adapter-master-key" (include "atsbridge.fullname" .)) .Values.adapter.existingMasterKeySecret }}
{{- end }}

{{- define "atsbridge.signingKeySecretName" -}}
{{- default (printf "%s-audit-signing-key" (include "atsbridge.fullname" .)) .Values.audit.signing.existingSecret }}
{{- end }}

{{- define "atsbridge.declarationsSecretName" -}}
{{- default (printf "%s-adapter-declarations" (include "atsbridge.fullname" .)) .Values.adapter.existingDeclarationsSecret }}
{{- end }}

{{- define "atsbridge.metricsSecretName" -}}
{{- default (printf "%s-gateway-metrics" (include "atsbridge.fullname" .)) .Values.gateway.metrics.existingSecret }}
{{- end }}

{{/* Whether the adapter gets a declaration file: from values or from an existing Secret. */}}
{{- define "atsbridge.hasDeclarations" -}}
{{- if or .Values.adapter.existingDeclarationsSecret .Values.adapter.declarations }}true{{ end }}
{{- end }}

{{/* Whether the gateway's metrics need a bearer token: one given in values or an existing Secret. */}}
{{- define "atsbridge.hasMetricsToken" -}}
{{- if and .Values.gateway.metrics.enabled (or .Values.gateway.metrics.token .Values.gateway.metrics.existingSecret) }}true{{ end }}
{{- end }}

{{/* The password a gRPC service connects to its database with, when the chart creates the Secret. */}}
{{- define "atsbridge.databasePassword" -}}
{{- $values := index .root.Values .component }}
{{- /* A value set to null is absent, not "<no value>". */}}
{{- default (default "" .root.Values.database.password) $values.database.password }}
{{- end }}

{{/* "host:port" of a gRPC service inside the namespace, for ATSBRIDGE_PEERS_<SERVICE>_ADDRESS. */}}
{{- define "atsbridge.peerAddress" -}}
{{- printf "%s:%d" (include "atsbridge.componentName" .) (int (index .root.Values .component).port) }}
{{- end }}

{{/*
Fails with a message naming the missing value. Called from every template that needs these values, so
`helm template` of any part of the chart stops at the first one missing.
*/}}
{{- define "atsbridge.validate" -}}
{{- $v := .Values }}
{{- if not $v.database.host }}
{{- fail "database.host is required: the host name of the MySQL server holding the atsbridge databases" }}
{{- end }}
{{- if not $v.database.existingSecret }}
{{- range $component := splitList " " (include "atsbridge.grpcComponents" .) }}
{{- if not (include "atsbridge.databasePassword" (dict "root" $ "component" $component)) }}
{{- fail (printf "database.password is required (or %s.database.password, or database.existingSecret naming a Secret with key %s-password)" $component $component) }}
{{- end }}
{{- end }}
{{- end }}
{{- if not $v.auth.existingSecret }}
{{- range $caller := list "operator" "adapter" "gateway" "identity" "consent" }}
{{- if not (index $v.auth (printf "%sToken" $caller)) }}
{{- fail (printf "auth.%sToken is required (or auth.existingSecret naming a Secret with key %s-token)" $caller $caller) }}
{{- end }}
{{- end }}
{{- end }}
{{- if and $v.auth.oidc.issuer (not (and $v.auth.oidc.jwksUri $v.auth.oidc.audience)) }}
{{- fail "auth.oidc.jwksUri and auth.oidc.audience are required with auth.oidc.issuer: where the provider publishes its keys, and the client id its tokens are for" }}
{{- end }}
{{- if $v.tls.enabled }}
{{- if and $v.tls.existingSecrets $v.tls.certManager.issuerRef.name }}
{{- fail "tls.existingSecrets and tls.certManager.issuerRef.name are both set: choose one source of certificates" }}
{{- end }}
{{- if $v.tls.existingSecrets }}
{{- range $component := splitList " " (include "atsbridge.components" .) }}
{{- if not (index $v.tls.existingSecrets $component) }}
{{- fail (printf "tls.existingSecrets.%s is required when tls.existingSecrets is set: a Secret with keys tls.crt, tls.key and ca.crt for %s" $component $component) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- if not (or $v.adapter.masterKey $v.adapter.existingMasterKeySecret) }}
{{- fail "adapter.masterKey is required (base64 of 32 random bytes: openssl rand -base64 32), or adapter.existingMasterKeySecret naming a Secret with key master-key" }}
{{- end }}
{{- if not (or $v.audit.signing.privateKey $v.audit.signing.existingSecret) }}
{{- fail "audit.signing.privateKey is required (base64 of a 32-byte Ed25519 private key: openssl rand -base64 32), or audit.signing.existingSecret naming a Secret with key private-key" }}
{{- end }}
{{- if and $v.ingress.enabled (not $v.ingress.host) }}
{{- fail "ingress.host is required when ingress.enabled: the public host name vendors send webhooks to" }}
{{- end }}
{{- if and $v.networkPolicy.enabled $v.networkPolicy.operatorAccess.enabled (not $v.networkPolicy.operatorAccess.from) }}
{{- fail "networkPolicy.operatorAccess.from is required when networkPolicy.operatorAccess.enabled: the peers operators connect from" }}
{{- end }}
{{- if and $v.serviceMonitor.enabled (not (include "atsbridge.hasMetricsToken" .)) }}
{{- fail "gateway.metrics.token (or gateway.metrics.existingSecret) is required when serviceMonitor.enabled, with gateway.metrics.enabled: /metrics must not be open" }}
{{- end }}
{{- end }}

{{/*
The four variables telling a service about one caller token it accepts:
(dict "root" $ "caller" "operator"|"adapter"|"gateway"|"identity"|"consent"). Every caller is automation (kind
SERVICE): the operator token is for tools and scripts, people sign in with OIDC (auth.oidc).
*/}}
{{- define "atsbridge.callerTokenEnv" -}}
{{- $caller := upper .caller }}
{{- $roles := dict "operator" .root.Values.auth.operatorRoles "adapter" "service" "gateway" "gateway" "identity" "service" "consent" "service" }}
- name: ATSBRIDGE_AUTH_TOKENS_{{ $caller }}_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "atsbridge.tokensSecretName" .root }}
      key: {{ .caller }}-token
- name: ATSBRIDGE_AUTH_TOKENS_{{ $caller }}_TENANTS
  value: {{ if eq .caller "operator" }}{{ .root.Values.auth.operatorTenants | quote }}{{ else }}"*"{{ end }}
- name: ATSBRIDGE_AUTH_TOKENS_{{ $caller }}_ROLES
  value: {{ index $roles .caller | quote }}
- name: ATSBRIDGE_AUTH_TOKENS_{{ $caller }}_KIND
  value: "SERVICE"
{{- end }}

{{/* The callers a component accepts tokens from (besides the operator token, which every gRPC service accepts). */}}
{{- define "atsbridge.callersOf" -}}
{{- if eq . "adapter" }}gateway{{ else if eq . "audit" }}adapter identity consent{{ else if ne . "gateway" }}adapter{{ end }}
{{- end }}

{{/* The peers a component calls, in the order their addresses are set. */}}
{{- define "atsbridge.peersOf" -}}
{{- if eq . "adapter" }}identity mapping consent audit{{ else if eq . "gateway" }}adapter{{ else if or (eq . "identity") (eq . "consent") }}audit{{ end }}
{{- end }}

{{/* Where a component's TLS files are mounted. */}}
{{- define "atsbridge.tlsDir" -}}
/etc/atsbridge-tls
{{- end }}

{{/* The Secret holding a component's certificate (tls.crt, tls.key, ca.crt): (dict "root" $ "component" c). */}}
{{- define "atsbridge.tlsSecretName" -}}
{{- $existing := .root.Values.tls.existingSecrets }}
{{- if and $existing (index $existing .component) }}
{{- index $existing .component }}
{{- else }}
{{- printf "%s-tls" (include "atsbridge.componentName" .) }}
{{- end }}
{{- end }}

{{/*
The DNS names a component's certificate is for: its Service as the peers address it ("<fullname>-<component>", what
ATSBRIDGE_PEERS_*_ADDRESS names) and the longer forms of the same name.
*/}}
{{- define "atsbridge.tlsDnsNames" -}}
{{- $name := include "atsbridge.componentName" . }}
{{- $namespace := .root.Release.Namespace }}
{{- list $name (printf "%s.%s" $name $namespace) (printf "%s.%s.svc" $name $namespace) (printf "%s.%s.svc.%s" $name $namespace .root.Values.tls.clusterDomain) | toJson }}
{{- end }}

{{/* The TLS variables of a component: its server's certificate (gRPC services) and its peers' CA (callers). */}}
{{- define "atsbridge.tlsEnv" -}}
{{- if .root.Values.tls.enabled }}
{{- $dir := include "atsbridge.tlsDir" . }}
{{- $mutual := .root.Values.tls.mutual }}
{{- if ne .component "gateway" }}
- name: ATSBRIDGE_TLS_SERVER_CERT_CHAIN
  value: {{ printf "%s/tls.crt" $dir | quote }}
- name: ATSBRIDGE_TLS_SERVER_PRIVATE_KEY
  value: {{ printf "%s/tls.key" $dir | quote }}
{{- if $mutual }}
- name: ATSBRIDGE_TLS_SERVER_CLIENT_CA
  value: {{ printf "%s/ca.crt" $dir | quote }}
{{- end }}
{{- end }}
{{- if include "atsbridge.peersOf" .component }}
- name: ATSBRIDGE_TLS_CLIENT_CA
  value: {{ printf "%s/ca.crt" $dir | quote }}
{{- if $mutual }}
- name: ATSBRIDGE_TLS_CLIENT_CERT_CHAIN
  value: {{ printf "%s/tls.crt" $dir | quote }}
- name: ATSBRIDGE_TLS_CLIENT_PRIVATE_KEY
  value: {{ printf "%s/tls.key" $dir | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* The OIDC variables of every gRPC service, when people sign in with the identity provider (auth.oidc.issuer). */}}
{{- define "atsbridge.oidcEnv" -}}
{{- $oidc := .Values.auth.oidc }}
{{- if $oidc.issuer }}
- name: ATSBRIDGE_AUTH_OIDC_ISSUER
  value: {{ $oidc.issuer | quote }}
- name: ATSBRIDGE_AUTH_OIDC_JWKS_URI
  value: {{ $oidc.jwksUri | quote }}
- name: ATSBRIDGE_AUTH_OIDC_AUDIENCE
  value: {{ $oidc.audience | quote }}
{{- include "atsbridge.optionalEnv" (dict "name" "ATSBRIDGE_AUTH_OIDC_ROLES_CLAIM" "value" $oidc.rolesClaim) }}
{{- include "atsbridge.optionalEnv" (dict "name" "ATSBRIDGE_AUTH_OIDC_TENANTS_CLAIM" "value" $oidc.tenantsClaim) }}
{{- include "atsbridge.optionalEnv" (dict "name" "ATSBRIDGE_AUTH_OIDC_NAME_CLAIM" "value" $oidc.nameClaim) }}
{{- include "atsbridge.optionalEnv" (dict "name" "ATSBRIDGE_AUTH_OIDC_CLOCK_SKEW" "value" $oidc.clockSkew) }}
{{- end }}
{{- end }}

{{/* A variable set only when its value is given: (dict "name" "X" "value" v). */}}
{{- define "atsbridge.optionalEnv" -}}
{{- if not (kindIs "invalid" .value) }}
{{- /* Numbers from values files arrive as float64, which would print 10485760 as 1.048576e+07. */}}
{{- $text := ternary (int64 .value | toString) (toString .value) (kindIs "float64" .value) }}
{{- if ne $text "" }}
- name: {{ .name }}
  value: {{ $text | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The environment of one component's container: exactly the variables that service reads (it refuses
unknown ATSBRIDGE_* and <SERVICE>_* variables, hence also enableServiceLinks: false on every pod).
*/}}
{{- define "atsbridge.env" -}}
{{- $root := .root }}
{{- $component := .component }}
{{- $values := index $root.Values $component }}
{{- $prefix := upper $component }}
- name: JAVA_TOOL_OPTIONS
  value: {{ trim (printf "%s %s" $root.Values.jvm.options $values.jvmOptions) | quote }}
{{- include "atsbridge.optionalEnv" (dict "name" "ATSBRIDGE_LOG_LEVEL" "value" (default $root.Values.logLevel $values.logLevel)) }}
{{- if eq $component "gateway" }}
- name: GATEWAY_HTTP_PORT
  value: {{ int $values.port | quote }}
- name: ATSBRIDGE_CLIENT_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "atsbridge.tokensSecretName" $root }}
      key: gateway-token
- name: ATSBRIDGE_PEERS_ADAPTER_ADDRESS
  value: {{ include "atsbridge.peerAddress" (dict "root" $root "component" "adapter") | quote }}
{{- include "atsbridge.tlsEnv" . }}
{{- include "atsbridge.optionalEnv" (dict "name" "GATEWAY_MAX_REQUEST_BYTES" "value" $values.maxRequestBytes) }}
{{- include "atsbridge.optionalEnv" (dict "name" "GATEWAY_RATE_LIMIT_RPS" "value" $values.rateLimit.rps) }}
{{- include "atsbridge.optionalEnv" (dict "name" "GATEWAY_RATE_LIMIT_BURST" "value" $values.rateLimit.burst) }}
{{- include "atsbridge.optionalEnv" (dict "name" "GATEWAY_IDLE_TIMEOUT" "value" $values.idleTimeout) }}
{{- include "atsbridge.optionalEnv" (dict "name" "GATEWAY_REQUEST_DEADLINE" "value" $values.requestDeadline) }}
- name: GATEWAY_METRICS_ENABLED
  value: {{ $values.metrics.enabled | quote }}
{{- if include "atsbridge.hasMetricsToken" $root }}
- name: GATEWAY_METRICS_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "atsbridge.metricsSecretName" $root }}
      key: metrics-token
{{- end }}
{{- else }}
- name: {{ $prefix }}_GRPC_PORT
  value: {{ int $values.port | quote }}
- name: {{ $prefix }}_DATASOURCE_URL
  {{- $url := printf "jdbc:%s://%s:%d/%s" $root.Values.database.driver $root.Values.database.host (int $root.Values.database.port) $values.database.name }}
  {{- $parameters := default "" $root.Values.database.parameters }}
  value: {{ ternary (printf "%s?%s" $url $parameters) $url (ne $parameters "") | quote }}
- name: {{ $prefix }}_DATASOURCE_USERNAME
  value: {{ default $root.Values.database.username $values.database.username | quote }}
- name: {{ $prefix }}_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "atsbridge.databaseSecretName" $root }}
      key: {{ $component }}-password
{{- include "atsbridge.optionalEnv" (dict "name" (printf "%s_DATASOURCE_POOL_SIZE" $prefix) "value" $values.database.poolSize) }}
- name: ATSBRIDGE_HEALTH_PORT
  value: {{ int $values.healthPort | quote }}
{{- include "atsbridge.callerTokenEnv" (dict "root" $root "caller" "operator") }}
{{- range $caller := splitList " " (include "atsbridge.callersOf" $component) }}
{{- include "atsbridge.callerTokenEnv" (dict "root" $root "caller" $caller) }}
{{- end }}
{{- include "atsbridge.oidcEnv" $root }}
{{- include "atsbridge.tlsEnv" . }}
{{- with include "atsbridge.peersOf" $component }}
- name: ATSBRIDGE_CLIENT_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "atsbridge.tokensSecretName" $root }}
      key: {{ $component }}-token
{{- range $peer := splitList " " . }}
- name: ATSBRIDGE_PEERS_{{ upper $peer }}_ADDRESS
  value: {{ include "atsbridge.peerAddress" (dict "root" $root "component" $peer) | quote }}
{{- end }}
{{- end }}
{{- if eq $component "adapter" }}
- name: ATSBRIDGE_ADAPTER_MASTER_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "atsbridge.masterKeySecretName" $root }}
      key: master-key
{{- /* Optional: an existing Secret holds it only while a rotation needs it. */}}
- name: ATSBRIDGE_ADAPTER_PREVIOUS_MASTER_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ include "atsbridge.masterKeySecretName" $root }}
      key: previous-master-keys
      optional: true
{{- if include "atsbridge.hasDeclarations" $root }}
- name: ATSBRIDGE_CONFIG
  value: /etc/atsbridge/atsbridge.yml
{{- end }}
{{- include "atsbridge.optionalEnv" (dict "name" "ATSBRIDGE_ADAPTER_WORKER_THREADS" "value" $values.workerThreads) }}
{{- end }}
{{- if eq $component "consent" }}
{{- include "atsbridge.optionalEnv" (dict "name" "CONSENT_RULE_PACK" "value" $values.rulePack) }}
{{- end }}
{{- if eq $component "audit" }}
- name: ATSBRIDGE_AUDIT_SIGNING_PRIVATE_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "atsbridge.signingKeySecretName" $root }}
      key: private-key
{{- /* Optional: an existing Secret holds it only after a rotation. */}}
- name: ATSBRIDGE_AUDIT_SIGNING_PREVIOUS_PUBLIC_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ include "atsbridge.signingKeySecretName" $root }}
      key: previous-public-keys
      optional: true
{{- include "atsbridge.optionalEnv" (dict "name" "ATSBRIDGE_AUDIT_SIGNING_KEY_ID" "value" $values.signing.keyId) }}
{{- include "atsbridge.optionalEnv" (dict "name" "ATSBRIDGE_AUDIT_SIGNING_INTERVAL" "value" $values.signing.interval) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
A checksum of everything secret a component's pods read, as a pod annotation: a changed password,
token, key or declaration file rolls exactly the pods that use it. Secrets that exist outside the chart
are represented by their names only (roll those pods yourself after changing them).
*/}}
{{- define "atsbridge.secretChecksum" -}}
{{- $root := .root }}
{{- $v := $root.Values }}
{{- $inputs := dict "tokensSecret" $v.auth.existingSecret }}
{{- if eq .component "gateway" }}
{{- $_ := set $inputs "tokens" (list $v.auth.gatewayToken) }}
{{- $_ := set $inputs "metrics" (list $v.gateway.metrics.enabled $v.gateway.metrics.existingSecret $v.gateway.metrics.token) }}
{{- else }}
{{- /* Every gRPC service accepts the operator token; the others it accepts and its own token, each once. */}}
{{- $tokens := list $v.auth.operatorToken }}
{{- range $caller := splitList " " (include "atsbridge.callersOf" .component) }}
{{- $tokens = append $tokens (index $v.auth (printf "%sToken" $caller)) }}
{{- end }}
{{- if include "atsbridge.peersOf" .component }}
{{- $tokens = append $tokens (index $v.auth (printf "%sToken" .component)) }}
{{- end }}
{{- $_ := set $inputs "tokens" $tokens }}
{{- $_ := set $inputs "database" (list $v.database.existingSecret (include "atsbridge.databasePassword" .)) }}
{{- end }}
{{- /* The certificates' source: a changed source or Secret name rolls the pods (renewed contents do not). */}}
{{- $_ := set $inputs "tls" (list $v.tls.enabled $v.tls.mutual $v.tls.certManager.issuerRef $v.tls.existingSecrets) }}
{{- if eq .component "audit" }}
{{- $_ := set $inputs "signingKey" (list $v.audit.signing.existingSecret $v.audit.signing.privateKey $v.audit.signing.previousPublicKeys) }}
{{- end }}
{{- if eq .component "adapter" }}
{{- $_ := set $inputs "masterKey" (list $v.adapter.existingMasterKeySecret $v.adapter.masterKey $v.adapter.previousMasterKeys) }}
{{- $_ := set $inputs "declarations" (list $v.adapter.existingDeclarationsSecret (include "atsbridge.declarationsText" $root)) }}
{{- end }}
{{- toJson $inputs | sha256sum }}
{{- end }}

{{/* The declaration file's text: adapter.declarations given as YAML text or as a map. */}}
{{- define "atsbridge.declarationsText" -}}
{{- $declarations := .Values.adapter.declarations }}
{{- if kindIs "string" $declarations }}
{{- $declarations }}
{{- else if $declarations }}
{{- toYaml $declarations }}
{{- end }}
{{- end }}
