// Lines of output, error and input files as the Batch API writes them, for pager tests.
export function outputLine(
  customId: string,
  answer: string,
  options: { finish?: string; prompt?: number; completion?: number; status?: number } = {},
): string {
  return JSON.stringify({
    id: `batch_req_${customId}`,
    custom_id: customId,
    response: {
      status_code: options.status ?? 200,
      request_id: `req_${customId}`,
      body: {
        id: `chatcmpl-${customId}`,
        object: 'chat.completion',
        model: 'test-model',
        choices: [
          { index: 0, message: { role: 'assistant', content: answer }, finish_reason: options.finish ?? 'stop' },
        ],
        usage: {
          prompt_tokens: options.prompt ?? 12,
          completion_tokens: options.completion ?? 34,
          total_tokens: (options.prompt ?? 12) + (options.completion ?? 34),
        },
      },
    },
    error: null,
  });
}

export function expiredLine(customId: string): string {
  return JSON.stringify({
    id: `batch_req_${customId}`,
    custom_id: customId,
    response: null,
    error: {
      code: 'batch_expired',
      message: 'This request could not be executed before the completion window expired.',
    },
  });
}

export function httpErrorLine(customId: string, status: number, code: string, message: string): string {
  return JSON.stringify({
    id: `batch_req_${customId}`,
    custom_id: customId,
    response: {
      status_code: status,
      request_id: `req_${customId}`,
      body: { error: { message, type: 'invalid_request_error', param: null, code } },
    },
    error: null,
  });
}

export function inputLine(customId: string, question: string, system = 'You are a helpful assistant.'): string {
  return JSON.stringify({
    custom_id: customId,
    method: 'POST',
    url: '/v1/chat/completions',
    body: {
      model: 'test-model',
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: question },
      ],
      temperature: 0.2,
      max_tokens: 100,
    },
  });
}
