// Reference: bare ky doing the same GET.
import ky from 'ky';

export const getRun = (baseUrl, runId) => ky.get(`${baseUrl}/v1/runs/${runId}`).json();
