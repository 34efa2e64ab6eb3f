// The contract served by this gateway, shown by the Swagger UI in the jar; no online validator is called.
window.ui = SwaggerUIBundle({
  url: '/api/v1/openapi.yaml',
  dom_id: '#contract',
  validatorUrl: null,
  deepLinking: true
});
